# blind-answer: wrong
# mistake: applies softmax to x before the product
def probabilities(x, W, b):
    """The node softmax(x·W + b): one row of class probabilities per point."""
    # YOUR CODE HERE
    return tf.matmul(tf.nn.softmax(x), W) + b
