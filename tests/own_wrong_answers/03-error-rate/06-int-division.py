# blind-answer: wrong
# mistake: counts with integers and divides with //
def error_rate(p, y):
    """The fraction of examples whose most probable class is not their label."""
    # YOUR CODE HERE
    wrong = int(np.sum(np.argmax(p, axis=1) != y))
    return wrong // len(y)
