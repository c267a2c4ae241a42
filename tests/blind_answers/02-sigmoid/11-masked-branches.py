# blind-answer: correct
# mistake: computes the two stable forms on boolean masks of the positive and negative entries
def sigmoid(s):
    """σ(s) = 1 / (1 + e^(-s)), element by element."""
    # YOUR CODE HERE
    s = np.asarray(s, dtype=float)
    out = np.empty_like(s)
    positive = s >= 0
    out[positive] = 1 / (1 + np.exp(-s[positive]))
    e = np.exp(s[~positive])  # s < 0 here, so e < 1
    out[~positive] = e / (1 + e)
    return out
