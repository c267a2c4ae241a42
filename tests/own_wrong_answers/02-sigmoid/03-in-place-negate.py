# blind-answer: wrong
# mistake: negates s in place to save memory
def sigmoid(s):
    """σ(s) = 1 / (1 + e^(-s)), element by element."""
    # YOUR CODE HERE
    np.negative(s, out=s)
    return 1 / (1 + np.exp(s))
