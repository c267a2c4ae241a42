# blind-answer: wrong
# mistake: shifts each row by its minimum instead of its maximum: overflows when a row spans more than ~709
def softmax(z):
    """The softmax of each row of z."""
    # YOUR CODE HERE
    e = np.exp(z - z.min(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)
