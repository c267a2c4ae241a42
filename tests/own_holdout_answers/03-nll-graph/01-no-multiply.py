# blind-answer: wrong
# mistake: sums log p over everything, without the labels
def negative_log_likelihood(p, c):
    """The node J = -Σ_i Σ_k c_ik log p_ik."""
    # YOUR CODE HERE
    return tf.negative(tf.reduce_sum(tf.log(p)))
