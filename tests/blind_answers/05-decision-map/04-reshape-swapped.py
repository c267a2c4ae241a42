# blind-answer: wrong
# mistake: builds the points right but reshapes to (len(xs), len(ys))
def decision_map(predict, xs, ys):
    """predict's value at every grid point (xs[j], ys[i]), as an array of shape (len(ys), len(xs))."""
    # YOUR CODE HERE
    grid_x, grid_y = np.meshgrid(xs, ys)
    points = np.column_stack([grid_x.ravel(), grid_y.ravel()])
    return predict(points).reshape(len(xs), len(ys))
