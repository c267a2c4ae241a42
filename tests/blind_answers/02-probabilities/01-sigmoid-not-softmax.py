# blind-answer: wrong
# mistake: applies the sigmoid to each score instead of the softmax over each row
def probabilities(x, W, b):
    """The node softmax(x·W + b): one row of class probabilities per point."""
    # YOUR CODE HERE
    return tf.sigmoid(tf.matmul(x, W) + b)
