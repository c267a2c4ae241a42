# blind-answer: correct
# mistake: np.subtract and np.multiply instead of operators
def gd_step(w, grad, lr):
    """The parameters after one gradient-descent step."""
    # YOUR CODE HERE
    return np.subtract(w, np.multiply(lr, grad))
