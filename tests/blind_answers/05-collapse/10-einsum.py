# blind-answer: correct
# mistake: computes both with np.einsum
def collapse(W1, b1, W2, b2):
    """[W, b] such that x @ W + b == (x @ W1 + b1) @ W2 + b2 for every x."""
    # YOUR CODE HERE
    W = np.einsum("dm,mk->dk", W1, W2)
    b = np.einsum("m,mk->k", b1, W2) + b2
    return [W, b]
