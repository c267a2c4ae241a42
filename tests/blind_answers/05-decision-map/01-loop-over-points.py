# blind-answer: wrong
# mistake: calls predict once per grid point, the slow way the lesson warns about
def decision_map(predict, xs, ys):
    """predict's value at every grid point (xs[j], ys[i]), as an array of shape (len(ys), len(xs))."""
    # YOUR CODE HERE
    P = np.empty((len(ys), len(xs)))
    for i, y in enumerate(ys):
        for j, x in enumerate(xs):
            P[i, j] = predict(np.array([[x, y]]))[0]
    return P
