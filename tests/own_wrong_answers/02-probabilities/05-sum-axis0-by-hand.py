# blind-answer: wrong
# mistake: writes softmax by hand and normalises over the points
def probabilities(x, W, b):
    """The node softmax(x·W + b): one row of class probabilities per point."""
    # YOUR CODE HERE
    e = tf.exp(tf.matmul(x, W) + b)
    return e / tf.reduce_sum(e, axis=0, keepdims=True)
