# blind-answer: correct
# mistake: writes the line as slope and intercept, x2 = slope·x1 + intercept
def boundary_y(W, b, xs):
    """x2 on the decision boundary z0 = z1, for each x1 in xs."""
    # YOUR CODE HERE
    a1 = W[0, 1] - W[0, 0]
    a2 = W[1, 1] - W[1, 0]
    c = b[1] - b[0]
    slope, intercept = -a1 / a2, -c / a2
    return slope * xs + intercept
