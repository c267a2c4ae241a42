# blind-answer: wrong
# mistake: copies the cell above and uses its log_p node instead of taking the log of the argument p
def negative_log_likelihood(p, c):
    """The node J = -Σ_i Σ_k c_ik log p_ik."""
    # YOUR CODE HERE
    return tf.negative(tf.reduce_sum(tf.multiply(c, log_p)))
