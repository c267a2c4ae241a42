# blind-answer: wrong
# mistake: returns the scores without softmax
def probabilities(x, W, b):
    """The node softmax(x·W + b): one row of class probabilities per point."""
    # YOUR CODE HERE
    return tf.matmul(x, W) + b
