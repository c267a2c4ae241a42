# blind-answer: wrong
# mistake: uses the mean of the two columns
def boundary_y(W, b, xs):
    """x2 on the decision boundary z0 = z1, for each x1 in xs."""
    # YOUR CODE HERE
    w = W.mean(axis=1)
    return -(xs * w[0] + b.mean()) / w[1]
