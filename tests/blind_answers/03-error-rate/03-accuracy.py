# blind-answer: wrong
# mistake: returns the accuracy, the fraction right, instead of the fraction wrong
def error_rate(p, y):
    """The fraction of examples whose most probable class is not their label."""
    # YOUR CODE HERE
    return np.mean(np.argmax(p, axis=1) == y)
