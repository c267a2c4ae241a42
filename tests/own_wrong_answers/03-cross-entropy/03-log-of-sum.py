# blind-answer: wrong
# mistake: takes the log after summing the products
def cross_entropy(p, y):
    """The mean cross-entropy -(1/n) Σ_i Σ_k y_ik log p_ik."""
    # YOUR CODE HERE
    return -np.mean(np.log(np.sum(y * p, axis=1)) * 2)
