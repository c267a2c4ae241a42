# blind-answer: wrong
# mistake: shifts by the column max (axis 0)
def softmax(z):
    """The softmax of each row of z."""
    # YOUR CODE HERE
    e = np.exp(z - z.max(axis=0))
    return e / e.sum(axis=1, keepdims=True)
