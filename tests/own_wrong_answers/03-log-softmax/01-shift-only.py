# blind-answer: wrong
# mistake: returns the shifted scores without subtracting the log-sum
def log_softmax(z):
    """log(softmax(z)) of each row, without overflow and without log(0)."""
    # YOUR CODE HERE
    return z - z.max(axis=1, keepdims=True)
