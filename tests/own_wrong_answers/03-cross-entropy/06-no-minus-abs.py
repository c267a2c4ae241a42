# blind-answer: wrong
# mistake: takes the absolute value of the sum instead of a minus (fine) but averages over all
def cross_entropy(p, y):
    """The mean cross-entropy -(1/n) Σ_i Σ_k y_ik log p_ik."""
    # YOUR CODE HERE
    return np.abs(np.mean(y * np.log(p)))
