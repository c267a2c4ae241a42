# blind-answer: wrong
# mistake: uses x·x^T·W
def affine(x, W, b):
    """The node x·W + b: one row of class scores per point."""
    # YOUR CODE HERE
    return tf.matmul(tf.matmul(x, tf.transpose(x)), x) + b
