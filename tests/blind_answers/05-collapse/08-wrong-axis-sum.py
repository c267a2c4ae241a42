# blind-answer: wrong
# mistake: writes b1·W2 as an explicit sum but over the wrong axis (over the outputs instead of the hidden units)
def collapse(W1, b1, W2, b2):
    """[W, b] such that x @ W + b == (x @ W1 + b1) @ W2 + b2 for every x."""
    # YOUR CODE HERE
    b = np.sum(b1[:, None] * W2, axis=1) + b2
    return [W1 @ W2, b]
