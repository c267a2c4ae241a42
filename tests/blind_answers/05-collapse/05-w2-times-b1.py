# blind-answer: wrong
# mistake: writes W2·b1 (column convention) instead of b1·W2: the transposed map (equal only for symmetric W2)
def collapse(W1, b1, W2, b2):
    """[W, b] such that x @ W + b == (x @ W1 + b1) @ W2 + b2 for every x."""
    # YOUR CODE HERE
    return [W1 @ W2, W2 @ b1 + b2]
