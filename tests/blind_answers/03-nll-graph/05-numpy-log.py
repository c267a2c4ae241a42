# blind-answer: wrong
# mistake: uses np.log and np.sum on the nodes instead of deepslow's ops
def negative_log_likelihood(p, c):
    """The node J = -Σ_i Σ_k c_ik log p_ik."""
    # YOUR CODE HERE
    return -np.sum(c * np.log(p))
