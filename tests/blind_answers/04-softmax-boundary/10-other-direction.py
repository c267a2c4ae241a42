# blind-answer: correct
# mistake: uses w0 - w1 and b0 - b1: the same line, both signs flipped
def boundary_y(W, b, xs):
    """x2 on the decision boundary z0 = z1, for each x1 in xs."""
    # YOUR CODE HERE
    dw = W[:, 0] - W[:, 1]
    db = b[0] - b[1]
    return -(dw[0] * xs + db) / dw[1]
