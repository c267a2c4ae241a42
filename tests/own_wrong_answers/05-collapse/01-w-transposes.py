# blind-answer: wrong
# mistake: transposes the product
def collapse(W1, b1, W2, b2):
    """[W, b] such that x @ W + b == (x @ W1 + b1) @ W2 + b2 for every x."""
    # YOUR CODE HERE
    return [(W1 @ W2).T, b1 @ W2 + b2]
