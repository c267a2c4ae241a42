# blind-answer: correct
# mistake: exp of z minus logsumexp computed with np.logaddexp.reduce
def softmax(z):
    """The softmax of each row of z."""
    # YOUR CODE HERE
    return np.exp(z - np.logaddexp.reduce(z, axis=1, keepdims=True))
