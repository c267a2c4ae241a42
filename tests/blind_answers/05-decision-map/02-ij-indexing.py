# blind-answer: wrong
# mistake: uses meshgrid with indexing='ij', so P comes out (len(xs), len(ys)): transposed
def decision_map(predict, xs, ys):
    """predict's value at every grid point (xs[j], ys[i]), as an array of shape (len(ys), len(xs))."""
    # YOUR CODE HERE
    grid_x, grid_y = np.meshgrid(xs, ys, indexing="ij")
    points = np.column_stack([grid_x.ravel(), grid_y.ravel()])
    return predict(points).reshape(grid_x.shape)
