# blind-answer: wrong
# mistake: forgets to multiply xs by the x coefficient
def boundary_y(W, b, xs):
    """x2 on the decision boundary z0 = z1, for each x1 in xs."""
    # YOUR CODE HERE
    dw = W[:, 1] - W[:, 0]
    return -(xs + (b[1] - b[0])) / dw[1]
