# blind-answer: wrong
# mistake: subtracts the weights one way (w1 - w0) and the biases the other (b0 - b1)
def boundary_y(W, b, xs):
    """x2 on the decision boundary z0 = z1, for each x1 in xs."""
    # YOUR CODE HERE
    dw = W[:, 1] - W[:, 0]
    db = b[0] - b[1]
    return -(xs * dw[0] + db) / dw[1]
