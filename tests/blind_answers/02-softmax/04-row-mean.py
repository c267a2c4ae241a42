# blind-answer: wrong
# mistake: shifts each row by its mean: fine for ordinary scores, overflows when one score is far above the others
def softmax(z):
    """The softmax of each row of z."""
    # YOUR CODE HERE
    e = np.exp(z - z.mean(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)
