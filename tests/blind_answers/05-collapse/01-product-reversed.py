# blind-answer: wrong
# mistake: multiplies the weights in the wrong order, W2·W1
def collapse(W1, b1, W2, b2):
    """[W, b] such that x @ W + b == (x @ W1 + b1) @ W2 + b2 for every x."""
    # YOUR CODE HERE
    return [W2 @ W1, b1 @ W2 + b2]
