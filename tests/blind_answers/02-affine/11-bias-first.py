# blind-answer: correct
# mistake: tf.add with the bias first and explicit names
def affine(x, W, b):
    """The node x·W + b: one row of class scores per point."""
    # YOUR CODE HERE
    xW = tf.matmul(x, W, name="xW")
    return tf.add(b, xW, name="scores")
