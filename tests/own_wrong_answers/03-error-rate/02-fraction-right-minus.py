# blind-answer: wrong
# mistake: returns 1 - error count over n (confuses)
def error_rate(p, y):
    """The fraction of examples whose most probable class is not their label."""
    # YOUR CODE HERE
    return 1 - np.sum(np.argmax(p, axis=1) != y)
