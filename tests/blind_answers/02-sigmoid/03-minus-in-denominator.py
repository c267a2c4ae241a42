# blind-answer: wrong
# mistake: writes 1 - e^(-s) in the denominator instead of 1 + e^(-s)
def sigmoid(s):
    """σ(s) = 1 / (1 + e^(-s)), element by element."""
    # YOUR CODE HERE
    return 1 / (1 - np.exp(-s))
