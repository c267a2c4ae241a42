# blind-answer: wrong
# mistake: subtracts w from the gradient
def gd_step(w, grad, lr):
    """The parameters after one gradient-descent step."""
    # YOUR CODE HERE
    return lr * grad - w
