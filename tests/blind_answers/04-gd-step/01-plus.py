# blind-answer: wrong
# mistake: steps uphill: w + lr·grad
def gd_step(w, grad, lr):
    """The parameters after one gradient-descent step."""
    # YOUR CODE HERE
    return w + lr * grad
