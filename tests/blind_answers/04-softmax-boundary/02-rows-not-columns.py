# blind-answer: wrong
# mistake: takes the difference of W's rows instead of its columns (W is (inputs, classes))
def boundary_y(W, b, xs):
    """x2 on the decision boundary z0 = z1, for each x1 in xs."""
    # YOUR CODE HERE
    dw = W[1] - W[0]
    db = b[1] - b[0]
    return -(xs * dw[0] + db) / dw[1]
