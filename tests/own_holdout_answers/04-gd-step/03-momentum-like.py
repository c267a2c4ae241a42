# blind-answer: wrong
# mistake: adds the old w again
def gd_step(w, grad, lr):
    """The parameters after one gradient-descent step."""
    # YOUR CODE HERE
    return 2 * w - lr * grad
