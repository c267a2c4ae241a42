# blind-answer: wrong
# mistake: branches on the sign for each element of a Python loop over s: fine for vectors, fails for matrices and 0-d arrays
def sigmoid(s):
    """σ(s) = 1 / (1 + e^(-s)), element by element."""
    # YOUR CODE HERE
    out = []
    for value in s:
        if value >= 0:
            out.append(1 / (1 + np.exp(-value)))
        else:
            out.append(np.exp(value) / (1 + np.exp(value)))
    return np.array(out)
