# blind-answer: correct
# mistake: uses tf.softmax (not tf.nn.softmax) with axis=1, and names the nodes
def probabilities(x, W, b):
    """The node softmax(x·W + b): one row of class probabilities per point."""
    # YOUR CODE HERE
    scores = tf.add(x @ W, b, name="scores")
    return tf.softmax(scores, axis=1, name="p")
