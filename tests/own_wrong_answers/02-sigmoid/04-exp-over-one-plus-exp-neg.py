# blind-answer: wrong
# mistake: divides e^-s by 1 + e^-s (that is σ(-s))
def sigmoid(s):
    """σ(s) = 1 / (1 + e^(-s)), element by element."""
    # YOUR CODE HERE
    e = np.exp(-s)
    return e / (1 + e)
