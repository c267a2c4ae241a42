# blind-answer: correct
# mistake: the textbook 1 / (1 + e^(-s)), with NumPy's overflow warning silenced: e^1000 = inf gives exactly 0, not NaN
def sigmoid(s):
    """σ(s) = 1 / (1 + e^(-s)), element by element."""
    # YOUR CODE HERE
    with np.errstate(over="ignore"):
        return 1 / (1 + np.exp(-s))
