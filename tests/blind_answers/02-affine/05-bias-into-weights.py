# blind-answer: wrong
# mistake: adds b to W before the product: x·(W + b) instead of x·W + b
def affine(x, W, b):
    """The node x·W + b: one row of class scores per point."""
    # YOUR CODE HERE
    return tf.matmul(x, W + b)
