# blind-answer: wrong
# mistake: uses np.mgrid, which puts x along the rows
def decision_map(predict, xs, ys):
    """predict's value at every grid point (xs[j], ys[i]), as an array of shape (len(ys), len(xs))."""
    # YOUR CODE HERE
    gx, gy = np.meshgrid(xs, ys, indexing="ij")
    pts = np.stack([gx.ravel(), gy.ravel()], axis=1)
    return predict(pts).reshape(len(xs), len(ys)).T.T
