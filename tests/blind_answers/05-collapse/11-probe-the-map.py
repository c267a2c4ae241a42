# blind-answer: correct
# mistake: evaluates the two-layer map at x = 0 (gives b) and at the unit vectors (gives the rows of W + b)
def collapse(W1, b1, W2, b2):
    """[W, b] such that x @ W + b == (x @ W1 + b1) @ W2 + b2 for every x."""

    # YOUR CODE HERE
    def two_layers(x):
        return (x @ W1 + b1) @ W2 + b2

    d = W1.shape[0]
    b = two_layers(np.zeros(d))
    W = two_layers(np.eye(d)) - b  # row i: the map at the i-th unit vector, minus the offset
    return [W, b]
