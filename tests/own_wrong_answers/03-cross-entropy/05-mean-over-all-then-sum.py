# blind-answer: wrong
# mistake: divides by n*K
def cross_entropy(p, y):
    """The mean cross-entropy -(1/n) Σ_i Σ_k y_ik log p_ik."""
    # YOUR CODE HERE
    return -np.sum(y * np.log(p)) / p.size
