# blind-answer: wrong
# mistake: uses W @ W to make shapes fit
def affine(x, W, b):
    """The node x·W + b: one row of class scores per point."""
    # YOUR CODE HERE
    return tf.matmul(x, tf.matmul(W, W)) + b
