# blind-answer: wrong
# mistake: negates the log and the sum
def negative_log_likelihood(p, c):
    """The node J = -Σ_i Σ_k c_ik log p_ik."""
    # YOUR CODE HERE
    return tf.negative(tf.reduce_sum(c * tf.negative(tf.log(p))))
