# blind-answer: wrong
# mistake: sums over classes then averages over examples (the mean loss)
def negative_log_likelihood(p, c):
    """The node J = -Σ_i Σ_k c_ik log p_ik."""
    # YOUR CODE HERE
    return tf.negative(tf.reduce_mean(tf.reduce_sum(c * tf.log(p), axis=1)))
