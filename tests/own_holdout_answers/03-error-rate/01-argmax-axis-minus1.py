# blind-answer: correct
# mistake: argmax along the last axis
def error_rate(p, y):
    """The fraction of examples whose most probable class is not their label."""
    # YOUR CODE HERE
    return float(np.mean(p.argmax(axis=-1) != y))
