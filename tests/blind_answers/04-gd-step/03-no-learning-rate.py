# blind-answer: wrong
# mistake: forgets the learning rate: w - grad
def gd_step(w, grad, lr):
    """The parameters after one gradient-descent step."""
    # YOUR CODE HERE
    return w - grad
