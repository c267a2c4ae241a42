# blind-answer: wrong
# mistake: divides by the sum of the whole array, so only a single row comes out right
def softmax(z):
    """The softmax of each row of z."""
    # YOUR CODE HERE
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum()
