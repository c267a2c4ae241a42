# blind-answer: correct
# mistake: a list comprehension with y in the outer loop, which matches the row order
def decision_map(predict, xs, ys):
    """predict's value at every grid point (xs[j], ys[i]), as an array of shape (len(ys), len(xs))."""
    # YOUR CODE HERE
    points = np.array([[x, y] for y in ys for x in xs])
    values = predict(points)
    return np.reshape(values, (len(ys), len(xs)))
