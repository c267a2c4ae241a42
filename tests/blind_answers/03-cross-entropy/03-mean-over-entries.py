# blind-answer: wrong
# mistake: averages over all n·K entries instead of over the n examples (off by a factor K)
def cross_entropy(p, y):
    """The mean cross-entropy -(1/n) Σ_i Σ_k y_ik log p_ik."""
    # YOUR CODE HERE
    return -np.mean(y * np.log(p))
