# blind-answer: wrong
# mistake: turns b into a column as in lesson 1, so it broadcasts against the rows instead of the classes
def affine(x, W, b):
    """The node x·W + b: one row of class scores per point."""
    # YOUR CODE HERE
    return tf.matmul(x, W) + tf.reshape(b, (-1, 1))
