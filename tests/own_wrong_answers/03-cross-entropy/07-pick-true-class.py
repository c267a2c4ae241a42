# blind-answer: correct
# mistake: picks the true class's probability with argmax of y
def cross_entropy(p, y):
    """The mean cross-entropy -(1/n) Σ_i Σ_k y_ik log p_ik."""
    # YOUR CODE HERE
    idx = np.argmax(y, axis=1)
    return -np.mean(np.log(p[np.arange(len(p)), idx]))
