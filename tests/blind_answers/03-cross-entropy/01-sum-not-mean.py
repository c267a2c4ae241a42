# blind-answer: wrong
# mistake: returns the summed cross-entropy J instead of the mean J / n
def cross_entropy(p, y):
    """The mean cross-entropy -(1/n) Σ_i Σ_k y_ik log p_ik."""
    # YOUR CODE HERE
    return -np.sum(y * np.log(p))
