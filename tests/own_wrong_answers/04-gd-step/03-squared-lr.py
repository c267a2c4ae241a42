# blind-answer: wrong
# mistake: multiplies by lr twice
def gd_step(w, grad, lr):
    """The parameters after one gradient-descent step."""
    # YOUR CODE HERE
    return w - lr * lr * grad
