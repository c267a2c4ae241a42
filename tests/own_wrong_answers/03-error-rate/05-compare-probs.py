# blind-answer: wrong
# mistake: compares probabilities of the label with 0.5
def error_rate(p, y):
    """The fraction of examples whose most probable class is not their label."""
    # YOUR CODE HERE
    return np.mean(p[np.arange(len(y)), y] < 0.5)
