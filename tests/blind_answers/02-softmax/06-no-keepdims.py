# blind-answer: wrong
# mistake: forgets keepdims: a row statistic of shape (n,) broadcasts along the columns (error for most shapes, silently wrong for square ones)
def softmax(z):
    """The softmax of each row of z."""
    # YOUR CODE HERE
    e = np.exp(z - z.max(axis=1))
    return e / e.sum(axis=1)
