# blind-answer: wrong
# mistake: adds into b2 in place
def collapse(W1, b1, W2, b2):
    """[W, b] such that x @ W + b == (x @ W1 + b1) @ W2 + b2 for every x."""
    # YOUR CODE HERE
    b2 += b1 @ W2
    return [W1 @ W2, b2]
