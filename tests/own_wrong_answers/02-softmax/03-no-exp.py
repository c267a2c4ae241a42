# blind-answer: wrong
# mistake: normalises the raw logits without exponentiating
def softmax(z):
    """The softmax of each row of z."""
    # YOUR CODE HERE
    return z / z.sum(axis=1, keepdims=True)
