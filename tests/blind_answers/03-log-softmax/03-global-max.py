# blind-answer: wrong
# mistake: shifts by the maximum of the whole array instead of each row's
def log_softmax(z):
    """log(softmax(z)) of each row, without overflow and without log(0)."""
    # YOUR CODE HERE
    m = np.max(z)
    return (z - m) - np.log(np.sum(np.exp(z - m), axis=1, keepdims=True))
