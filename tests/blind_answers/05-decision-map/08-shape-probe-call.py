# blind-answer: wrong
# mistake: calls predict on one point first to learn the output shape: two calls instead of one
def decision_map(predict, xs, ys):
    """predict's value at every grid point (xs[j], ys[i]), as an array of shape (len(ys), len(xs))."""
    # YOUR CODE HERE
    grid_x, grid_y = np.meshgrid(xs, ys)
    points = np.column_stack([grid_x.ravel(), grid_y.ravel()])
    dtype = np.asarray(predict(points[:1])).dtype  # what does predict return?
    return np.asarray(predict(points), dtype=dtype).reshape(len(ys), len(xs))
