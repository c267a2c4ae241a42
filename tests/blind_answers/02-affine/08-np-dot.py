# blind-answer: wrong
# mistake: uses np.dot on symbolic nodes instead of tf.matmul
def affine(x, W, b):
    """The node x·W + b: one row of class scores per point."""
    # YOUR CODE HERE
    return np.dot(x, W) + b
