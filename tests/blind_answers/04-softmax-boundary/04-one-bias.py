# blind-answer: wrong
# mistake: uses the weight difference but only class 1's bias instead of the bias difference
def boundary_y(W, b, xs):
    """x2 on the decision boundary z0 = z1, for each x1 in xs."""
    # YOUR CODE HERE
    dw = W[:, 1] - W[:, 0]
    return -(xs * dw[0] + b[1]) / dw[1]
