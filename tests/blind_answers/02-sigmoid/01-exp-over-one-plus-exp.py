# blind-answer: wrong
# mistake: writes e^s / (1 + e^s): right on paper, inf / inf = NaN at s = 1000
def sigmoid(s):
    """σ(s) = 1 / (1 + e^(-s)), element by element."""
    # YOUR CODE HERE
    return np.exp(s) / (1 + np.exp(s))
