# blind-answer: wrong
# mistake: forgets keepdims, so the row statistics broadcast along the columns
def log_softmax(z):
    """log(softmax(z)) of each row, without overflow and without log(0)."""
    # YOUR CODE HERE
    m = np.max(z, axis=1)
    shifted = z - m
    return shifted - np.log(np.sum(np.exp(shifted), axis=1))
