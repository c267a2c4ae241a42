# blind-answer: wrong
# mistake: uses the mean squared error instead
def cross_entropy(p, y):
    """The mean cross-entropy -(1/n) Σ_i Σ_k y_ik log p_ik."""
    # YOUR CODE HERE
    return np.mean(np.sum((p - y) ** 2, axis=1))
