# blind-answer: wrong
# mistake: calls the NumPy softmax from exercise 2 on a graph node
def probabilities(x, W, b):
    """The node softmax(x·W + b): one row of class probabilities per point."""
    # YOUR CODE HERE
    return softmax(affine(x, W, b))
