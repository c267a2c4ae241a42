# blind-answer: wrong
# mistake: returns the predicted class (argmax) instead of the probabilities
def probabilities(x, W, b):
    """The node softmax(x·W + b): one row of class probabilities per point."""
    # YOUR CODE HERE
    return tf.argmax(tf.nn.softmax(tf.matmul(x, W) + b), axis=1)
