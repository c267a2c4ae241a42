# blind-answer: wrong
# mistake: thresholds the class-1 probability at 1/2 as for the sigmoid perceptron: right for two classes only
def error_rate(p, y):
    """The fraction of examples whose most probable class is not their label."""
    # YOUR CODE HERE
    predicted = (p[:, 1] > 0.5).astype(int)
    return np.mean(predicted != y)
