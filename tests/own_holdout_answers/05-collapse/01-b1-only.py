# blind-answer: wrong
# mistake: keeps the first bias only
def collapse(W1, b1, W2, b2):
    """[W, b] such that x @ W + b == (x @ W1 + b1) @ W2 + b2 for every x."""
    # YOUR CODE HERE
    return [W1 @ W2, b1]
