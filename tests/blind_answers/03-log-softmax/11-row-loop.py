# blind-answer: correct
# mistake: a loop over the rows, each with its own maximum, written with math-style names
def log_softmax(z):
    """log(softmax(z)) of each row, without overflow and without log(0)."""
    # YOUR CODE HERE
    out = np.empty(np.shape(z))
    for i, row in enumerate(np.asarray(z, dtype=float)):
        m = row.max()
        log_sum_exp = m + np.log(np.sum(np.exp(row - m)))
        out[i] = row - log_sum_exp
    return out
