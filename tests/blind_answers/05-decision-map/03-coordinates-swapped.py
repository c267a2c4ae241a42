# blind-answer: wrong
# mistake: stacks the points as (y, x) instead of (x, y)
def decision_map(predict, xs, ys):
    """predict's value at every grid point (xs[j], ys[i]), as an array of shape (len(ys), len(xs))."""
    # YOUR CODE HERE
    grid_x, grid_y = np.meshgrid(xs, ys)
    points = np.column_stack([grid_y.ravel(), grid_x.ravel()])
    return predict(points).reshape(len(ys), len(xs))
