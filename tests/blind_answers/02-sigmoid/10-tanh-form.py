# blind-answer: correct
# mistake: uses the identity σ(s) = (1 + tanh(s/2)) / 2, which never overflows
def sigmoid(s):
    """σ(s) = 1 / (1 + e^(-s)), element by element."""
    # YOUR CODE HERE
    return 0.5 * (1 + np.tanh(0.5 * s))
