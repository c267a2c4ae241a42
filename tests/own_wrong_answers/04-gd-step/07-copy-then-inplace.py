# blind-answer: correct
# mistake: copies w and updates the copy in place
def gd_step(w, grad, lr):
    """The parameters after one gradient-descent step."""
    # YOUR CODE HERE
    new = w.copy()
    new -= lr * grad
    return new
