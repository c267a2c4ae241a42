# blind-answer: wrong
# mistake: subtracts log of the max instead of log-sum-exp
def log_softmax(z):
    """log(softmax(z)) of each row, without overflow and without log(0)."""
    # YOUR CODE HERE
    return (
        z - np.log(np.exp(z - z.max(axis=1, keepdims=True)).max(axis=1, keepdims=True)) - z.max(axis=1, keepdims=True)
    )
