# blind-answer: wrong
# mistake: multiplies w by the gradient
def gd_step(w, grad, lr):
    """The parameters after one gradient-descent step."""
    # YOUR CODE HERE
    return w - lr * w * grad
