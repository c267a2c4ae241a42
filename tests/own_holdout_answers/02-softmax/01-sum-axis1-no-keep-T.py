# blind-answer: wrong
# mistake: sums per row but divides the transposed array, returning it transposed
def softmax(z):
    """The softmax of each row of z."""
    # YOUR CODE HERE
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return (e.T / e.sum(axis=1)).T.T
