# blind-answer: wrong
# mistake: updates w in place
def gd_step(w, grad, lr):
    """The parameters after one gradient-descent step."""
    # YOUR CODE HERE
    w -= lr * grad
    return w
