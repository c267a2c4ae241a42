# blind-answer: correct
# mistake: builds the points with a list comprehension and calls predict once
def decision_map(predict, xs, ys):
    """predict's value at every grid point (xs[j], ys[i]), as an array of shape (len(ys), len(xs))."""
    # YOUR CODE HERE
    pts = [(x, y) for y in ys for x in xs]
    return np.asarray(predict(np.array(pts))).reshape(len(ys), len(xs))
