# blind-answer: wrong
# mistake: exponentiates but forgets to normalise
def probabilities(x, W, b):
    """The node softmax(x·W + b): one row of class probabilities per point."""
    # YOUR CODE HERE
    return tf.exp(tf.matmul(x, W) + b)
