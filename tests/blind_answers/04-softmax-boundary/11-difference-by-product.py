# blind-answer: correct
# mistake: gets both differences with one matrix product against (-1, 1)
def boundary_y(W, b, xs):
    """x2 on the decision boundary z0 = z1, for each x1 in xs."""
    # YOUR CODE HERE
    contrast = np.array([-1.0, 1.0])  # class 1 minus class 0
    dw, db = W @ contrast, b @ contrast
    return -(dw[0] * np.asarray(xs, dtype=float) + db) / dw[1]
