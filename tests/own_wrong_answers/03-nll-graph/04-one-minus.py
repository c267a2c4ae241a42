# blind-answer: wrong
# mistake: uses log(1 - p)
def negative_log_likelihood(p, c):
    """The node J = -Σ_i Σ_k c_ik log p_ik."""
    # YOUR CODE HERE
    return tf.negative(tf.reduce_sum(c * tf.log(1 - p)))
