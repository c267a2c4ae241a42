# blind-answer: wrong
# mistake: forgets tf.negative: returns the log-likelihood, not its negative
def negative_log_likelihood(p, c):
    """The node J = -Σ_i Σ_k c_ik log p_ik."""
    # YOUR CODE HERE
    return tf.reduce_sum(tf.multiply(c, tf.log(p)))
