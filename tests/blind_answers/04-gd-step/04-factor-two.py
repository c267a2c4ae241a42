# blind-answer: wrong
# mistake: copies the J(w) = w² example's factor 2 into the step: w - 2·lr·grad
def gd_step(w, grad, lr):
    """The parameters after one gradient-descent step."""
    # YOUR CODE HERE
    return w - lr * 2 * grad
