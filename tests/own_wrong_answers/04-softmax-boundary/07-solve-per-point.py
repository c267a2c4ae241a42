# blind-answer: correct
# mistake: solves the linear equation point by point with np.linalg.solve of a 1x1 system
def boundary_y(W, b, xs):
    """x2 on the decision boundary z0 = z1, for each x1 in xs."""
    # YOUR CODE HERE
    a = W[0, 1] - W[0, 0]
    d = W[1, 1] - W[1, 0]
    c = b[1] - b[0]
    return np.array([np.linalg.solve([[d]], [-(a * x + c)])[0] for x in xs])
