# blind-answer: wrong
# mistake: normalises columns then rows
def softmax(z):
    """The softmax of each row of z."""
    # YOUR CODE HERE
    e = np.exp(z - z.max())
    e = e / e.sum(axis=0, keepdims=True)
    return e / e.sum(axis=1, keepdims=True)
