# blind-answer: wrong
# mistake: takes the log of the mean of the exponentials instead of their sum (off by log K)
def log_softmax(z):
    """log(softmax(z)) of each row, without overflow and without log(0)."""
    # YOUR CODE HERE
    shifted = z - z.max(axis=1, keepdims=True)
    return shifted - np.log(np.mean(np.exp(shifted), axis=1, keepdims=True))
