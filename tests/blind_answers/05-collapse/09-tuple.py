# blind-answer: correct
# mistake: returns a tuple (W, b) rather than a list
def collapse(W1, b1, W2, b2):
    """[W, b] such that x @ W + b == (x @ W1 + b1) @ W2 + b2 for every x."""
    # YOUR CODE HERE
    return W1 @ W2, b1 @ W2 + b2
