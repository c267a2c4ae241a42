# blind-answer: wrong
# mistake: multiplies elementwise with * instead of a matrix product
def affine(x, W, b):
    """The node x·W + b: one row of class scores per point."""
    # YOUR CODE HERE
    return x * W + b
