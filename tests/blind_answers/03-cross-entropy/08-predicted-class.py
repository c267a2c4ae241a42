# blind-answer: wrong
# mistake: takes the log of each row's largest probability (the predicted class) instead of the true class's
def cross_entropy(p, y):
    """The mean cross-entropy -(1/n) Σ_i Σ_k y_ik log p_ik."""
    # YOUR CODE HERE
    return -np.mean(np.log(np.max(p, axis=1)))
