# blind-answer: wrong
# mistake: returns the step lr·grad instead of the new parameters
def gd_step(w, grad, lr):
    """The parameters after one gradient-descent step."""
    # YOUR CODE HERE
    return lr * grad
