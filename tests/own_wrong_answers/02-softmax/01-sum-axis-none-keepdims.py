# blind-answer: wrong
# mistake: sums with keepdims but no axis (whole batch)
def softmax(z):
    """The softmax of each row of z."""
    # YOUR CODE HERE
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(keepdims=True)
