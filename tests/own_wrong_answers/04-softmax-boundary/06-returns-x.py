# blind-answer: wrong
# mistake: returns xs unchanged (the identity line)
def boundary_y(W, b, xs):
    """x2 on the decision boundary z0 = z1, for each x1 in xs."""
    # YOUR CODE HERE
    return xs
