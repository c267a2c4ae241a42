# blind-answer: wrong
# mistake: swaps the roles: p·log(y) instead of y·log(p), and log(0) on the labels
def cross_entropy(p, y):
    """The mean cross-entropy -(1/n) Σ_i Σ_k y_ik log p_ik."""
    # YOUR CODE HERE
    return -np.mean(np.sum(p * np.log(y), axis=1))
