# blind-answer: wrong
# mistake: normalises along axis 0, so columns (classes) sum to 1 instead of rows
def softmax(z):
    """The softmax of each row of z."""
    # YOUR CODE HERE
    e = np.exp(z - z.max(axis=0, keepdims=True))
    return e / e.sum(axis=0, keepdims=True)
