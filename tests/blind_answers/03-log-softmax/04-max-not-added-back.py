# blind-answer: wrong
# mistake: shifts inside the exponential but subtracts log Σ e^(z - m) from the unshifted z: off by m whenever the row maximum is not 0
def log_softmax(z):
    """log(softmax(z)) of each row, without overflow and without log(0)."""
    # YOUR CODE HERE
    m = z.max(axis=1, keepdims=True)
    return z - np.log(np.sum(np.exp(z - m), axis=1, keepdims=True))
