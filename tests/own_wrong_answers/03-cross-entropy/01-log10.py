# blind-answer: wrong
# mistake: uses log base 10
def cross_entropy(p, y):
    """The mean cross-entropy -(1/n) Σ_i Σ_k y_ik log p_ik."""
    # YOUR CODE HERE
    return -np.mean(np.sum(y * np.log10(p), axis=1))
