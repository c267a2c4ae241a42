# blind-answer: correct
# mistake: exp of the stable log-softmax
def softmax(z):
    """The softmax of each row of z."""
    # YOUR CODE HERE
    m = z.max(axis=1, keepdims=True)
    return np.exp(z - m - np.log(np.exp(z - m).sum(axis=1, keepdims=True)))
