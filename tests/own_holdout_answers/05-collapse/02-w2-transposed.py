# blind-answer: wrong
# mistake: uses W2 transposed in the bias
def collapse(W1, b1, W2, b2):
    """[W, b] such that x @ W + b == (x @ W1 + b1) @ W2 + b2 for every x."""
    # YOUR CODE HERE
    return [W1 @ W2, b1 @ W2.T.T + b2 * 2]
