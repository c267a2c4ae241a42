# blind-answer: wrong
# mistake: divides with //, which gives 0 unless every example is wrong
def error_rate(p, y):
    """The fraction of examples whose most probable class is not their label."""
    # YOUR CODE HERE
    mistakes = np.sum(np.argmax(p, axis=1) != y)
    return mistakes // len(y)
