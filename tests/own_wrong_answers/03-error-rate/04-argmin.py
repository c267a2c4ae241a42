# blind-answer: wrong
# mistake: uses argmin for the predicted class
def error_rate(p, y):
    """The fraction of examples whose most probable class is not their label."""
    # YOUR CODE HERE
    return np.mean(np.argmin(p, axis=1) != y)
