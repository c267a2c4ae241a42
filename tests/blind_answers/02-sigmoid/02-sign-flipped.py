# blind-answer: wrong
# mistake: drops the minus in the exponent: 1 / (1 + e^s) is σ(-s)
def sigmoid(s):
    """σ(s) = 1 / (1 + e^(-s)), element by element."""
    # YOUR CODE HERE
    return 1 / (1 + np.exp(s))
