# blind-answer: wrong
# mistake: uses np.sum on the node
def negative_log_likelihood(p, c):
    """The node J = -Σ_i Σ_k c_ik log p_ik."""
    # YOUR CODE HERE
    return tf.negative(np.sum(c * tf.log(p)))
