# blind-answer: correct
# mistake: np.dot and a tuple
def collapse(W1, b1, W2, b2):
    """[W, b] such that x @ W + b == (x @ W1 + b1) @ W2 + b2 for every x."""
    # YOUR CODE HERE
    return (np.dot(W1, W2), np.dot(b1, W2) + b2)
