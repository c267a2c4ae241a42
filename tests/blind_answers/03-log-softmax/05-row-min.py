# blind-answer: wrong
# mistake: shifts each row by its minimum instead of its maximum: overflows for a gap of 800
def log_softmax(z):
    """log(softmax(z)) of each row, without overflow and without log(0)."""
    # YOUR CODE HERE
    m = z.min(axis=1, keepdims=True)
    shifted = z - m
    return shifted - np.log(np.sum(np.exp(shifted), axis=1, keepdims=True))
