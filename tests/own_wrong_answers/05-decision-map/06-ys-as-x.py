# blind-answer: wrong
# mistake: puts ys in the first column of the points
def decision_map(predict, xs, ys):
    """predict's value at every grid point (xs[j], ys[i]), as an array of shape (len(ys), len(xs))."""
    # YOUR CODE HERE
    gx, gy = np.meshgrid(xs, ys)
    pts = np.column_stack([gy.ravel(), gx.ravel()])
    return predict(pts).reshape(gx.shape)
