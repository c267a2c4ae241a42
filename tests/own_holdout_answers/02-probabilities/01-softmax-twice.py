# blind-answer: wrong
# mistake: applies softmax twice
def probabilities(x, W, b):
    """The node softmax(x·W + b): one row of class probabilities per point."""
    # YOUR CODE HERE
    return tf.nn.softmax(tf.nn.softmax(tf.matmul(x, W) + b))
