# blind-answer: wrong
# mistake: keeps lesson 1's order, W·x instead of x·W
def affine(x, W, b):
    """The node x·W + b: one row of class scores per point."""
    # YOUR CODE HERE
    return tf.matmul(W, x) + b
