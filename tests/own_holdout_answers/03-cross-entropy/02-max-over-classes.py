# blind-answer: wrong
# mistake: takes the max over classes instead of the sum
def cross_entropy(p, y):
    """The mean cross-entropy -(1/n) Σ_i Σ_k y_ik log p_ik."""
    # YOUR CODE HERE
    return -np.mean(np.max(y * np.log(p), axis=1))
