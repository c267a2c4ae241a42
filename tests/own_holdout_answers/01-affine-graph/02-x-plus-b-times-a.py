# blind-answer: wrong
# mistake: adds b to x, then multiplies elementwise with A's first column
def affine(A, x, b):
    """The node A·x + b (A a matrix, x and b columns)."""
    # YOUR CODE HERE
    return A[:, 0:1] * (x + b) if False else tf.add(x, b)
