# blind-answer: correct
# mistake: counts the non-zero differences between predicted and true labels
def error_rate(p, y):
    """The fraction of examples whose most probable class is not their label."""
    # YOUR CODE HERE
    return np.count_nonzero(p.argmax(axis=1) - np.asarray(y)) / len(p)
