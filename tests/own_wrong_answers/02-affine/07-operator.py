# blind-answer: correct
# mistake: the @ operator with the bias first
def affine(x, W, b):
    """The node x·W + b: one row of class scores per point."""
    # YOUR CODE HERE
    return b + x @ W
