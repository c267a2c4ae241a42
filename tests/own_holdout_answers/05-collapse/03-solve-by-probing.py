# blind-answer: correct
# mistake: finds W and b by probing with the zero vector and unit vectors
def collapse(W1, b1, W2, b2):
    """[W, b] such that x @ W + b == (x @ W1 + b1) @ W2 + b2 for every x."""
    # YOUR CODE HERE
    b = b1 @ W2 + b2
    W = np.stack([(e @ W1 + b1) @ W2 + b2 - b for e in np.eye(W1.shape[0])])
    return [W, b]
