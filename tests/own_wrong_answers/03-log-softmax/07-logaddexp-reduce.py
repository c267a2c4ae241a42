# blind-answer: correct
# mistake: uses np.logaddexp.reduce
def log_softmax(z):
    """log(softmax(z)) of each row, without overflow and without log(0)."""
    # YOUR CODE HERE
    return z - np.logaddexp.reduce(z, axis=1, keepdims=True)
