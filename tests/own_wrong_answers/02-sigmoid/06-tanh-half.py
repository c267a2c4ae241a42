# blind-answer: wrong
# mistake: uses tanh(s) / 2 + 1/2 without halving the argument
def sigmoid(s):
    """σ(s) = 1 / (1 + e^(-s)), element by element."""
    # YOUR CODE HERE
    return np.tanh(s) / 2 + 0.5
