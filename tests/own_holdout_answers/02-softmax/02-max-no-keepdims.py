# blind-answer: wrong
# mistake: takes the row max without keepdims
def softmax(z):
    """The softmax of each row of z."""
    # YOUR CODE HERE
    e = np.exp(z - z.max(axis=1))
    return e / e.sum(axis=1, keepdims=True)
