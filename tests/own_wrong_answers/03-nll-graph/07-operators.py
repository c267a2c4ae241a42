# blind-answer: correct
# mistake: with operators
def negative_log_likelihood(p, c):
    """The node J = -Σ_i Σ_k c_ik log p_ik."""
    # YOUR CODE HERE
    return -tf.reduce_sum(c * tf.log(p))
