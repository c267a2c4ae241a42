# blind-answer: wrong
# mistake: adds the bias difference with the wrong sign
def boundary_y(W, b, xs):
    """x2 on the decision boundary z0 = z1, for each x1 in xs."""
    # YOUR CODE HERE
    dw = W[:, 1] - W[:, 0]
    return -(xs * dw[0] - (b[1] - b[0])) / dw[1]
