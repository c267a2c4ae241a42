# blind-answer: wrong
# mistake: mixes up the coordinates: divides by the x1 coefficient and multiplies xs by the x2 one
def boundary_y(W, b, xs):
    """x2 on the decision boundary z0 = z1, for each x1 in xs."""
    # YOUR CODE HERE
    dw = W[:, 1] - W[:, 0]
    db = b[1] - b[0]
    return -(xs * dw[1] + db) / dw[0]
