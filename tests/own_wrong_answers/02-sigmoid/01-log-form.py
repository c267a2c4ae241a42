# blind-answer: wrong
# mistake: writes log(1 + e^-s) (softplus) instead of the sigmoid
def sigmoid(s):
    """σ(s) = 1 / (1 + e^(-s)), element by element."""
    # YOUR CODE HERE
    return np.log(1 + np.exp(-s))
