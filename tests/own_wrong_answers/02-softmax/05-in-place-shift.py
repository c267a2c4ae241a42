# blind-answer: wrong
# mistake: shifts z in place by the row max
def softmax(z):
    """The softmax of each row of z."""
    # YOUR CODE HERE
    z -= z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)
