# blind-answer: correct
# mistake: builds the points with np.tile and np.repeat instead of meshgrid
def decision_map(predict, xs, ys):
    """predict's value at every grid point (xs[j], ys[i]), as an array of shape (len(ys), len(xs))."""
    # YOUR CODE HERE
    xs, ys = np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)
    points = np.column_stack([np.tile(xs, len(ys)), np.repeat(ys, len(xs))])  # row i·len(xs) + j is (xs[j], ys[i])
    return np.asarray(predict(points)).reshape(len(ys), len(xs))
