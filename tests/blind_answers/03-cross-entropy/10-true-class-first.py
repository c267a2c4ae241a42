# blind-answer: correct
# mistake: picks each row's true-class probability first (Σ_k y_ik p_ik), then takes the log: also safe when other entries of p are 0
def cross_entropy(p, y):
    """The mean cross-entropy -(1/n) Σ_i Σ_k y_ik log p_ik."""
    # YOUR CODE HERE
    p_true = np.sum(y * p, axis=1)  # y is one-hot: this is the probability of each example's class
    return float(-np.mean(np.log(p_true)))
