# blind-answer: correct
# mistake: computes 1 minus the accuracy
def error_rate(p, y):
    """The fraction of examples whose most probable class is not their label."""
    # YOUR CODE HERE
    accuracy = np.mean(p.argmax(axis=-1) == y)
    return 1.0 - accuracy
