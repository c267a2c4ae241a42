# blind-answer: wrong
# mistake: loops over s and returns a list
def sigmoid(s):
    """σ(s) = 1 / (1 + e^(-s)), element by element."""
    # YOUR CODE HERE
    import math

    return [1 / (1 + math.exp(-v)) for v in np.ravel(s)]
