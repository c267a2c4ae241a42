# blind-answer: wrong
# mistake: builds the mean loss from softmax, log, multiply instead of the fused op: NaN for large scores
def mean_cross_entropy(scores, c):
    """The node (1/n) Σ_i (cross-entropy of example i), from the raw scores, by the fused op."""
    # YOUR CODE HERE
    log_p = tf.log(tf.nn.softmax(scores))
    return tf.negative(tf.reduce_mean(tf.reduce_sum(c * log_p, axis=1)))
