# blind-answer: wrong
# mistake: shifts every row by the maximum of the whole array, so a row far below it underflows to 0 / 0
def softmax(z):
    """The softmax of each row of z."""
    # YOUR CODE HERE
    e = np.exp(z - np.max(z))
    return e / e.sum(axis=1, keepdims=True)
