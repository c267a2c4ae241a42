# blind-answer: wrong
# mistake: accumulates the bias in place in b2, changing the caller's array
def collapse(W1, b1, W2, b2):
    """[W, b] such that x @ W + b == (x @ W1 + b1) @ W2 + b2 for every x."""
    # YOUR CODE HERE
    b2 += b1 @ W2
    return [W1 @ W2, b2]
