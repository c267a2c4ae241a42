# blind-answer: wrong
# mistake: sums c·p first and then takes the log
def negative_log_likelihood(p, c):
    """The node J = -Σ_i Σ_k c_ik log p_ik."""
    # YOUR CODE HERE
    return tf.negative(tf.log(tf.reduce_sum(c * p)))
