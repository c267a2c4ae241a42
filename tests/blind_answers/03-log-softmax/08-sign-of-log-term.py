# blind-answer: wrong
# mistake: adds the log-sum-exp term instead of subtracting it
def log_softmax(z):
    """log(softmax(z)) of each row, without overflow and without log(0)."""
    # YOUR CODE HERE
    shifted = z - z.max(axis=1, keepdims=True)
    return shifted + np.log(np.sum(np.exp(shifted), axis=1, keepdims=True))
