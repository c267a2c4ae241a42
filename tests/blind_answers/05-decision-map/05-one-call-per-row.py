# blind-answer: wrong
# mistake: batches each row of the grid but still calls predict once per y
def decision_map(predict, xs, ys):
    """predict's value at every grid point (xs[j], ys[i]), as an array of shape (len(ys), len(xs))."""
    # YOUR CODE HERE
    rows = []
    for y in ys:
        points = np.column_stack([xs, np.full(len(xs), y)])
        rows.append(predict(points))
    return np.array(rows)
