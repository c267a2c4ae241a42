# blind-answer: wrong
# mistake: writes 1 / (1 + e^s) with a minus in the wrong place: 1 / (1 - e^-s)... as e^s / (1 + e^-s)
def sigmoid(s):
    """σ(s) = 1 / (1 + e^(-s)), element by element."""
    # YOUR CODE HERE
    return np.exp(s) / (1 + np.exp(-s))
