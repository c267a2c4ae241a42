# blind-answer: wrong
# mistake: divides the gradient by the learning rate instead of multiplying
def gd_step(w, grad, lr):
    """The parameters after one gradient-descent step."""
    # YOUR CODE HERE
    return w - grad / lr
