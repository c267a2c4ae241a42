# blind-answer: wrong
# mistake: returns only the intercept (the value at x1 = 0), one number instead of one x2 per x1
def boundary_y(W, b, xs):
    """x2 on the decision boundary z0 = z1, for each x1 in xs."""
    # YOUR CODE HERE
    dw = W[:, 1] - W[:, 0]
    return -(b[1] - b[0]) / dw[1]
