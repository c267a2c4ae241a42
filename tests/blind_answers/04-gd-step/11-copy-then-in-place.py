# blind-answer: correct
# mistake: copies w first, then updates the copy in place
def gd_step(w, grad, lr):
    """The parameters after one gradient-descent step."""
    # YOUR CODE HERE
    new_w = np.array(w, copy=True)
    new_w -= lr * grad
    return new_w
