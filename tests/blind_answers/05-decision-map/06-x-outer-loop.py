# blind-answer: wrong
# mistake: lists the points with x in the outer loop, then reshapes as if y were: the values land in the wrong cells
def decision_map(predict, xs, ys):
    """predict's value at every grid point (xs[j], ys[i]), as an array of shape (len(ys), len(xs))."""
    # YOUR CODE HERE
    points = np.array([[x, y] for x in xs for y in ys])
    return predict(points).reshape(len(ys), len(xs))
