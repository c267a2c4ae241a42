# blind-answer: wrong
# mistake: returns [b, W]
def collapse(W1, b1, W2, b2):
    """[W, b] such that x @ W + b == (x @ W1 + b1) @ W2 + b2 for every x."""
    # YOUR CODE HERE
    return [b1 @ W2 + b2, W1 @ W2]
