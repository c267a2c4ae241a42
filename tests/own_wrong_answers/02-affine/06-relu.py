# blind-answer: wrong
# mistake: adds an activation that was not asked for
def affine(x, W, b):
    """The node x·W + b: one row of class scores per point."""
    # YOUR CODE HERE
    return tf.nn.relu(tf.matmul(x, W) + b)
