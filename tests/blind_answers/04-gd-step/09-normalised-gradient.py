# blind-answer: wrong
# mistake: divides the gradient by its norm (a fixed-length step), which is not gradient descent
def gd_step(w, grad, lr):
    """The parameters after one gradient-descent step."""
    # YOUR CODE HERE
    return w - lr * grad / np.linalg.norm(grad)
