# blind-answer: correct
# mistake: adds the gradient scaled by -lr, with a shape assertion
def gd_step(w, grad, lr):
    """The parameters after one gradient-descent step."""
    # YOUR CODE HERE
    assert np.shape(w) == np.shape(grad), "the gradient has the shape of the parameters"
    return w + (-lr) * grad
