# blind-answer: wrong
# mistake: np.argmax without axis: one index into the flattened array instead of one class per row
def error_rate(p, y):
    """The fraction of examples whose most probable class is not their label."""
    # YOUR CODE HERE
    return np.mean(np.argmax(p) != y)
