# blind-answer: wrong
# mistake: uses the binary cross-entropy formula with a (1 - y)·log(1 - p) term: agrees for two classes only
def cross_entropy(p, y):
    """The mean cross-entropy -(1/n) Σ_i Σ_k y_ik log p_ik."""
    # YOUR CODE HERE
    return -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
