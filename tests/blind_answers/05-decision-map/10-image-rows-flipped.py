# blind-answer: wrong
# mistake: flips the rows so that the top row is the largest y, as for an image, although contourf wants row i at ys[i]
def decision_map(predict, xs, ys):
    """predict's value at every grid point (xs[j], ys[i]), as an array of shape (len(ys), len(xs))."""
    # YOUR CODE HERE
    grid_x, grid_y = np.meshgrid(xs, ys[::-1])
    points = np.column_stack([grid_x.ravel(), grid_y.ravel()])
    return predict(points).reshape(len(ys), len(xs))
