# blind-answer: wrong
# mistake: reduces the elementwise product over rows
def affine(x, W, b):
    """The node x·W + b: one row of class scores per point."""
    # YOUR CODE HERE
    return tf.reduce_sum(x * W, axis=0) + b
