# blind-answer: wrong
# mistake: takes argmax of y as if it were one-hot
def error_rate(p, y):
    """The fraction of examples whose most probable class is not their label."""
    # YOUR CODE HERE
    return np.mean(np.argmax(p, axis=1) != np.argmax(y))
