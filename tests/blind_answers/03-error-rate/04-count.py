# blind-answer: wrong
# mistake: returns the number of mistakes, not the fraction
def error_rate(p, y):
    """The fraction of examples whose most probable class is not their label."""
    # YOUR CODE HERE
    return np.sum(np.argmax(p, axis=1) != y)
