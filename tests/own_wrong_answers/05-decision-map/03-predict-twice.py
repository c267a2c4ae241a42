# blind-answer: wrong
# mistake: calls predict once for the shape and once for the values
def decision_map(predict, xs, ys):
    """predict's value at every grid point (xs[j], ys[i]), as an array of shape (len(ys), len(xs))."""
    # YOUR CODE HERE
    gx, gy = np.meshgrid(xs, ys)
    pts = np.column_stack([gx.ravel(), gy.ravel()])
    predict(pts[:1])
    return predict(pts).reshape(gx.shape)
