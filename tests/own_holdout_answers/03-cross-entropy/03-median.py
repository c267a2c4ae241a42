# blind-answer: wrong
# mistake: takes the median over examples
def cross_entropy(p, y):
    """The mean cross-entropy -(1/n) Σ_i Σ_k y_ik log p_ik."""
    # YOUR CODE HERE
    return -np.median(np.sum(y * np.log(p), axis=1))
