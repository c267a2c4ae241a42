# blind-answer: correct
# mistake: counts in a Python loop and divides
def error_rate(p, y):
    """The fraction of examples whose most probable class is not their label."""
    # YOUR CODE HERE
    wrong = 0
    for row, label in zip(p, y):
        if int(np.argmax(row)) != int(label):
            wrong += 1
    return wrong / len(y)
