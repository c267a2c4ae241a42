# blind-answer: wrong
# mistake: divides by the sum along axis 1 using a transpose, but returns the transpose
def softmax(z):
    """The softmax of each row of z."""
    # YOUR CODE HERE
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e.T / e.sum(axis=1)
