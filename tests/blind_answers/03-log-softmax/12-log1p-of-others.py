# blind-answer: correct
# mistake: log Σ e^(s-m) written as log1p of the sum over the non-maximal entries (the maximal entry contributes e^0 = 1)
def log_softmax(z):
    """log(softmax(z)) of each row, without overflow and without log(0)."""
    # YOUR CODE HERE
    z = np.asarray(z, dtype=float)
    shifted = z - z.max(axis=1, keepdims=True)
    e = np.exp(shifted)
    others = e.sum(axis=1, keepdims=True) - 1.0  # the row maximum contributes exactly 1
    return shifted - np.log1p(others)
