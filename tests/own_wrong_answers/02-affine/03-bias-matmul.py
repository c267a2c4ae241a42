# blind-answer: wrong
# mistake: multiplies the bias in too
def affine(x, W, b):
    """The node x·W + b: one row of class scores per point."""
    # YOUR CODE HERE
    return tf.matmul(x, W) @ b
