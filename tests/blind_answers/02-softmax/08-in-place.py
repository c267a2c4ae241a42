# blind-answer: wrong
# mistake: shifts and exponentiates in place in z, changing the caller's scores
def softmax(z):
    """The softmax of each row of z."""
    # YOUR CODE HERE
    z -= z.max(axis=1, keepdims=True)
    np.exp(z, out=z)
    z /= z.sum(axis=1, keepdims=True)
    return z
