# blind-answer: wrong
# mistake: sums along axis 1 only, returning one loss per example instead of the total
def negative_log_likelihood(p, c):
    """The node J = -Σ_i Σ_k c_ik log p_ik."""
    # YOUR CODE HERE
    return tf.negative(tf.reduce_sum(tf.multiply(c, tf.log(p)), axis=1))
