# blind-answer: wrong
# mistake: subtracts the bias
def affine(x, W, b):
    """The node x·W + b: one row of class scores per point."""
    # YOUR CODE HERE
    return tf.subtract(tf.matmul(x, W), b)
