# blind-answer: wrong
# mistake: takes the softmax along axis 0, over the points instead of over the classes
def probabilities(x, W, b):
    """The node softmax(x·W + b): one row of class probabilities per point."""
    # YOUR CODE HERE
    return tf.nn.softmax(tf.matmul(x, W) + b, axis=0)
