# blind-answer: wrong
# mistake: averages 1 - p of the true class
def error_rate(p, y):
    """The fraction of examples whose most probable class is not their label."""
    # YOUR CODE HERE
    return np.mean(1 - p[np.arange(len(y)), y])
