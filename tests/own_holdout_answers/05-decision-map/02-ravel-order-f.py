# blind-answer: wrong
# mistake: reshapes in Fortran order
def decision_map(predict, xs, ys):
    """predict's value at every grid point (xs[j], ys[i]), as an array of shape (len(ys), len(xs))."""
    # YOUR CODE HERE
    gx, gy = np.meshgrid(xs, ys)
    return predict(np.column_stack([gx.ravel(), gy.ravel()])).reshape(gx.shape, order="F")
