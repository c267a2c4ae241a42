# blind-answer: wrong
# mistake: averages the scores over the points
def affine(x, W, b):
    """The node x·W + b: one row of class scores per point."""
    # YOUR CODE HERE
    return tf.reduce_mean(tf.matmul(x, W), axis=0) + b
