# blind-answer: wrong
# mistake: returns a list of floats
def gd_step(w, grad, lr):
    """The parameters after one gradient-descent step."""
    # YOUR CODE HERE
    return [wi - lr * gi for wi, gi in zip(np.ravel(w), np.ravel(grad))]
