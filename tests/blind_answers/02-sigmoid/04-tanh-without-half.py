# blind-answer: wrong
# mistake: uses the tanh form but forgets to halve the argument: (1 + tanh(s)) / 2
def sigmoid(s):
    """σ(s) = 1 / (1 + e^(-s)), element by element."""
    # YOUR CODE HERE
    return 0.5 * (1 + np.tanh(s))
