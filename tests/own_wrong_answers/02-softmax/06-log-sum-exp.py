# blind-answer: wrong
# mistake: subtracts log-sum-exp without the max shift
def softmax(z):
    """The softmax of each row of z."""
    # YOUR CODE HERE
    return np.exp(z - np.log(np.exp(z).sum(axis=1, keepdims=True)))
