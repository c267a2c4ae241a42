# blind-answer: wrong
# mistake: clips the scores to [-10, 10] to avoid overflow, which changes the values beyond ±10
def sigmoid(s):
    """σ(s) = 1 / (1 + e^(-s)), element by element."""
    # YOUR CODE HERE
    safe = np.clip(s, -10, 10)
    return 1 / (1 + np.exp(-safe))
