# blind-answer: correct
# mistake: meshgrid, np.stack on a new last axis and reshape(-1, 2), then the grid's own shape
def decision_map(predict, xs, ys):
    """predict's value at every grid point (xs[j], ys[i]), as an array of shape (len(ys), len(xs))."""
    # YOUR CODE HERE
    grid = np.stack(np.meshgrid(xs, ys), axis=-1)  # (len(ys), len(xs), 2)
    return np.asarray(predict(grid.reshape(-1, 2))).reshape(grid.shape[:2])
