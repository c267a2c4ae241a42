# blind-answer: wrong
# mistake: forgets to reshape: returns the flat vector of len(xs)·len(ys) values
def decision_map(predict, xs, ys):
    """predict's value at every grid point (xs[j], ys[i]), as an array of shape (len(ys), len(xs))."""
    # YOUR CODE HERE
    grid_x, grid_y = np.meshgrid(xs, ys)
    return predict(np.column_stack([grid_x.ravel(), grid_y.ravel()]))
