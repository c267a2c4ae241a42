# blind-answer: wrong
# mistake: averages over classes and sums over examples
def cross_entropy(p, y):
    """The mean cross-entropy -(1/n) Σ_i Σ_k y_ik log p_ik."""
    # YOUR CODE HERE
    return -np.sum(np.mean(y * np.log(p), axis=1))
