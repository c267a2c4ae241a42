# blind-answer: correct
# mistake: a Python loop over the rows, each shifted by its own maximum
def softmax(z):
    """The softmax of each row of z."""
    # YOUR CODE HERE
    rows = []
    for row in z:
        e = np.exp(row - np.max(row))
        rows.append(e / np.sum(e))
    return np.array(rows)
