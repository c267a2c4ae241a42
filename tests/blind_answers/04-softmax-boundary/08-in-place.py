# blind-answer: wrong
# mistake: computes in place in xs, overwriting the caller's x coordinates
def boundary_y(W, b, xs):
    """x2 on the decision boundary z0 = z1, for each x1 in xs."""
    # YOUR CODE HERE
    dw = W[:, 1] - W[:, 0]
    xs *= dw[0]
    xs += b[1] - b[0]
    xs /= -dw[1]
    return xs
