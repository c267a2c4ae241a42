# blind-answer: wrong
# mistake: returns the perceptron's hard decision (s > 0) instead of a probability
def sigmoid(s):
    """σ(s) = 1 / (1 + e^(-s)), element by element."""
    # YOUR CODE HERE
    return (s > 0).astype(float)
