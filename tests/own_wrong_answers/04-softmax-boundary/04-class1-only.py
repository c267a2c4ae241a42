# blind-answer: wrong
# mistake: uses only class 1's column and bias
def boundary_y(W, b, xs):
    """x2 on the decision boundary z0 = z1, for each x1 in xs."""
    # YOUR CODE HERE
    return -(xs * W[0, 1] + b[1]) / W[1, 1]
