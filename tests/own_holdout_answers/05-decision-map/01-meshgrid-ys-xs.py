# blind-answer: wrong
# mistake: calls meshgrid with ys first
def decision_map(predict, xs, ys):
    """predict's value at every grid point (xs[j], ys[i]), as an array of shape (len(ys), len(xs))."""
    # YOUR CODE HERE
    gy, gx = np.meshgrid(ys, xs)
    return predict(np.column_stack([gx.ravel(), gy.ravel()])).reshape(gx.shape)
