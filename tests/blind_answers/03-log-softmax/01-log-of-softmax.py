# blind-answer: wrong
# mistake: takes the log of a (shifted, stable) softmax: the probability still underflows to 0 and its log is -inf
def log_softmax(z):
    """log(softmax(z)) of each row, without overflow and without log(0)."""
    # YOUR CODE HERE
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return np.log(e / e.sum(axis=1, keepdims=True))
