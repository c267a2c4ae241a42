# blind-answer: wrong
# mistake: divides by W[1, 1] alone instead of the difference W[1, 1] - W[1, 0]
def boundary_y(W, b, xs):
    """x2 on the decision boundary z0 = z1, for each x1 in xs."""
    # YOUR CODE HERE
    dw0 = W[0, 1] - W[0, 0]
    db = b[1] - b[0]
    return -(xs * dw0 + db) / W[1, 1]
