# blind-answer: wrong
# mistake: takes the log of the sum of the scores
def log_softmax(z):
    """log(softmax(z)) of each row, without overflow and without log(0)."""
    # YOUR CODE HERE
    return z - np.log(np.abs(z.sum(axis=1, keepdims=True)))
