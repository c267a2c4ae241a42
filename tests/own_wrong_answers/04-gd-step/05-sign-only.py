# blind-answer: wrong
# mistake: steps by the sign of the gradient
def gd_step(w, grad, lr):
    """The parameters after one gradient-descent step."""
    # YOUR CODE HERE
    return w - lr * np.sign(grad)
