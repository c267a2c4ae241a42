# blind-answer: wrong
# mistake: sums the gradient into one number and moves every entry by it
def gd_step(w, grad, lr):
    """The parameters after one gradient-descent step."""
    # YOUR CODE HERE
    return w - lr * np.sum(grad)
