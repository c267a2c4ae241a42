# blind-answer: wrong
# mistake: the lesson's tempting shortcut: the line where class 0's score is zero, from W's first column only
def boundary_y(W, b, xs):
    """x2 on the decision boundary z0 = z1, for each x1 in xs."""
    # YOUR CODE HERE
    return -(xs * W[0, 0] + b[0]) / W[1, 0]
