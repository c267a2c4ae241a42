# blind-answer: correct
# mistake: a plain loop that counts the mistakes, then divides by n
def error_rate(p, y):
    """The fraction of examples whose most probable class is not their label."""
    # YOUR CODE HERE
    mistakes = 0
    for probabilities, label in zip(p, y):
        if int(np.argmax(probabilities)) != int(label):
            mistakes += 1
    return mistakes / len(y)
