# blind-answer: wrong
# mistake: divides the mistakes by p.size (examples times classes) instead of the number of examples
def error_rate(p, y):
    """The fraction of examples whose most probable class is not their label."""
    # YOUR CODE HERE
    return np.sum(np.argmax(p, axis=1) != y) / p.size
