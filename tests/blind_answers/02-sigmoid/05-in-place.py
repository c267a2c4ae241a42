# blind-answer: wrong
# mistake: computes in place in s to save memory, overwriting the caller's array
def sigmoid(s):
    """σ(s) = 1 / (1 + e^(-s)), element by element."""
    # YOUR CODE HERE
    np.negative(s, out=s)
    np.exp(s, out=s)
    s += 1
    return 1 / s
