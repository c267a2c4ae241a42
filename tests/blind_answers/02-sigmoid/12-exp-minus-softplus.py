# blind-answer: correct
# mistake: computes exp(-log(1 + e^(-s))) with np.logaddexp, which is stable
def sigmoid(s):
    """σ(s) = 1 / (1 + e^(-s)), element by element."""
    # YOUR CODE HERE
    return np.exp(-np.logaddexp(0.0, -s))
