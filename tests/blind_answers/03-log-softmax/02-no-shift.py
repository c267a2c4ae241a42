# blind-answer: wrong
# mistake: log-sum-exp without the shift: e^1000 overflows
def log_softmax(z):
    """log(softmax(z)) of each row, without overflow and without log(0)."""
    # YOUR CODE HERE
    return z - np.log(np.sum(np.exp(z), axis=1, keepdims=True))
