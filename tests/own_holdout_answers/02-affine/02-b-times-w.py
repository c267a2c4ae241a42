# blind-answer: wrong
# mistake: multiplies the bias by W
def affine(x, W, b):
    """The node x·W + b: one row of class scores per point."""
    # YOUR CODE HERE
    return tf.matmul(x + b, W)
