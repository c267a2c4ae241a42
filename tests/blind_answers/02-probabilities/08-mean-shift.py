# blind-answer: wrong
# mistake: writes a stable-looking softmax shifted by each row's mean (deepslow has no reduce_max): overflows for large scores
def probabilities(x, W, b):
    """The node softmax(x·W + b): one row of class probabilities per point."""
    # YOUR CODE HERE
    scores = tf.matmul(x, W) + b
    e = tf.exp(scores - tf.reduce_mean(scores, axis=1, keepdims=True))
    return e / tf.reduce_sum(e, axis=1, keepdims=True)
