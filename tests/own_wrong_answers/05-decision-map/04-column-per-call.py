# blind-answer: wrong
# mistake: one call per column of the grid
def decision_map(predict, xs, ys):
    """predict's value at every grid point (xs[j], ys[i]), as an array of shape (len(ys), len(xs))."""
    # YOUR CODE HERE
    return np.column_stack([predict(np.column_stack([np.full(len(ys), x), ys])) for x in xs])
