# blind-answer: wrong
# mistake: loops with math.exp: overflows at -1000, returns a list, and only works for 1-D arrays
def sigmoid(s):
    """σ(s) = 1 / (1 + e^(-s)), element by element."""
    # YOUR CODE HERE
    import math

    return [1 / (1 + math.exp(-value)) for value in s]
