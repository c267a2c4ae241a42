# blind-answer: wrong
# mistake: skips the shift: e^1000 overflows to inf and inf / inf is NaN
def softmax(z):
    """The softmax of each row of z."""
    # YOUR CODE HERE
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)
