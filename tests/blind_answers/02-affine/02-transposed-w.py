# blind-answer: wrong
# mistake: transposes W as if it held one row per class: a shape error, or silently wrong when K = 2
def affine(x, W, b):
    """The node x·W + b: one row of class scores per point."""
    # YOUR CODE HERE
    return tf.matmul(x, tf.transpose(W)) + b
