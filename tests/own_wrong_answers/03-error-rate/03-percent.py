# blind-answer: wrong
# mistake: returns a percentage
def error_rate(p, y):
    """The fraction of examples whose most probable class is not their label."""
    # YOUR CODE HERE
    return 100 * np.mean(np.argmax(p, axis=1) != y)
