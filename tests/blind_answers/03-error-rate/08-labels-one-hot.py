# blind-answer: wrong
# mistake: treats y as one-hot rows like C and takes its argmax along axis 1
def error_rate(p, y):
    """The fraction of examples whose most probable class is not their label."""
    # YOUR CODE HERE
    return np.mean(np.argmax(p, axis=1) != np.argmax(y, axis=1))
