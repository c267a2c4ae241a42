# blind-answer: wrong
# mistake: uses W transposed
def probabilities(x, W, b):
    """The node softmax(x·W + b): one row of class probabilities per point."""
    # YOUR CODE HERE
    return tf.nn.softmax(tf.matmul(x, tf.transpose(W)) + b)
