# blind-answer: wrong
# mistake: takes the max without keepdims
def log_softmax(z):
    """log(softmax(z)) of each row, without overflow and without log(0)."""
    # YOUR CODE HERE
    m = z.max(axis=1)
    return z - m - np.log(np.exp(z - m).sum(axis=1, keepdims=True))
