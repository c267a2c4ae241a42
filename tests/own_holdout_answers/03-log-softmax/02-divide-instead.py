# blind-answer: wrong
# mistake: divides by the log-sum-exp instead of subtracting
def log_softmax(z):
    """log(softmax(z)) of each row, without overflow and without log(0)."""
    # YOUR CODE HERE
    s = z - z.max(axis=1, keepdims=True)
    return s / np.log(np.exp(s).sum(axis=1, keepdims=True))
