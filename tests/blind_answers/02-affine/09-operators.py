# blind-answer: correct
# mistake: uses the @ operator, and adds b as a (1, K) row
def affine(x, W, b):
    """The node x·W + b: one row of class scores per point."""
    # YOUR CODE HERE
    return x @ W + tf.reshape(b, (1, -1))
