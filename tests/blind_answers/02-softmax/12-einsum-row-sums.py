# blind-answer: correct
# mistake: sums the rows with np.einsum and restores the axis with None indexing; asserts a 2-D input
def softmax(z):
    """The softmax of each row of z."""
    # YOUR CODE HERE
    assert z.ndim == 2, "one row of scores per example"
    e = np.exp(z - z.max(axis=1)[:, None])
    return e / np.einsum("ik->i", e)[:, None]
