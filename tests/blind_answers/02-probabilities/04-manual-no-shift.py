# blind-answer: wrong
# mistake: writes the softmax out with tf.exp and no shift: NaN once scores pass ~709
def probabilities(x, W, b):
    """The node softmax(x·W + b): one row of class probabilities per point."""
    # YOUR CODE HERE
    e = tf.exp(tf.matmul(x, W) + b)
    return e / tf.reduce_sum(e, axis=1, keepdims=True)
