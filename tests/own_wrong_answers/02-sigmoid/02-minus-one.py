# blind-answer: wrong
# mistake: uses 1 - e^-s in the denominator
def sigmoid(s):
    """σ(s) = 1 / (1 + e^(-s)), element by element."""
    # YOUR CODE HERE
    return 1 / (1 - np.exp(-s))
