# blind-answer: wrong
# mistake: exponentiates s in place
def sigmoid(s):
    """σ(s) = 1 / (1 + e^(-s)), element by element."""
    # YOUR CODE HERE
    np.exp(-s, out=s)
    return 1 / (1 + s)
