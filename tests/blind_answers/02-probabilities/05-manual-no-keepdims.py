# blind-answer: wrong
# mistake: writes the softmax out and forgets keepdims, so the (n,) row sums broadcast along the classes
def probabilities(x, W, b):
    """The node softmax(x·W + b): one row of class probabilities per point."""
    # YOUR CODE HERE
    e = tf.exp(tf.matmul(x, W) + b)
    return e / tf.reduce_sum(e, axis=1)
