# blind-answer: wrong
# mistake: subtracts the product from the bias
def affine(x, W, b):
    """The node x·W + b: one row of class scores per point."""
    # YOUR CODE HERE
    return b - tf.matmul(x, W)
