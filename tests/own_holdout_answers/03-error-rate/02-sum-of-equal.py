# blind-answer: wrong
# mistake: counts the right ones and divides by n, then subtracts from n
def error_rate(p, y):
    """The fraction of examples whose most probable class is not their label."""
    # YOUR CODE HERE
    return len(y) - np.mean(np.argmax(p, axis=1) == y)
