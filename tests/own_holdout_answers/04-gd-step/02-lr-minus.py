# blind-answer: wrong
# mistake: writes w - lr - grad
def gd_step(w, grad, lr):
    """The parameters after one gradient-descent step."""
    # YOUR CODE HERE
    return w - lr - grad
