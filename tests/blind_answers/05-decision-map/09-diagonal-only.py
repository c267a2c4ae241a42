# blind-answer: wrong
# mistake: pairs xs and ys with zip, so only the diagonal points are evaluated
def decision_map(predict, xs, ys):
    """predict's value at every grid point (xs[j], ys[i]), as an array of shape (len(ys), len(xs))."""
    # YOUR CODE HERE
    points = np.array(list(zip(xs, ys)))
    return predict(points)
