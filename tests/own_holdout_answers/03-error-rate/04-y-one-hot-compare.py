# blind-answer: wrong
# mistake: compares p's argmax with y's argmax along axis 0
def error_rate(p, y):
    """The fraction of examples whose most probable class is not their label."""
    # YOUR CODE HERE
    return np.mean(np.argmax(p, axis=1) != np.argmax(np.eye(p.shape[1])[y], axis=0))
