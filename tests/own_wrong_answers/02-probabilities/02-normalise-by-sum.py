# blind-answer: wrong
# mistake: divides the scores by their row sum (no exp)
def probabilities(x, W, b):
    """The node softmax(x·W + b): one row of class probabilities per point."""
    # YOUR CODE HERE
    s = tf.matmul(x, W) + b
    return s / tf.reduce_sum(s, axis=1, keepdims=True)
