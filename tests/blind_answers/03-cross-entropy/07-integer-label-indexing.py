# blind-answer: wrong
# mistake: indexes p with y as if y held integer labels, but y is one-hot
def cross_entropy(p, y):
    """The mean cross-entropy -(1/n) Σ_i Σ_k y_ik log p_ik."""
    # YOUR CODE HERE
    n = len(p)
    return -np.mean(np.log(p[np.arange(n), y.astype(int)]))
