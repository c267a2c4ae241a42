# blind-answer: wrong
# mistake: uses the lesson's two-class shortcut σ(s1 - s0): wrong as soon as there are more (or fewer) than two classes
def softmax(z):
    """The softmax of each row of z."""
    # YOUR CODE HERE
    p1 = 1 / (1 + np.exp(-(z[:, 1] - z[:, 0])))
    return np.column_stack([1 - p1, p1])
