# blind-answer: correct
# mistake: reuses exercise 3's affine and tf.nn.softmax with axis=-1 spelled out
def probabilities(x, W, b):
    """The node softmax(x·W + b): one row of class probabilities per point."""
    # YOUR CODE HERE
    scores = affine(x, W, b)
    return tf.nn.softmax(scores, axis=-1)
