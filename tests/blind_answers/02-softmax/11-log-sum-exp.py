# blind-answer: correct
# mistake: computes log-sum-exp with the max shift, then exponentiates z minus it
def softmax(z):
    """The softmax of each row of z."""
    # YOUR CODE HERE
    m = np.max(z, axis=-1, keepdims=True)
    log_total = m + np.log(np.sum(np.exp(z - m), axis=-1, keepdims=True))
    return np.exp(z - log_total)
