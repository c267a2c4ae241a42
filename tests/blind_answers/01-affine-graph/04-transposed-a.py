# blind-answer: wrong
# mistake: transposes A: right on the lesson's symmetric example only, and a shape error for a 3x2 A
def affine(A, x, b):
    """The node A·x + b (A a matrix, x and b columns)."""
    # YOUR CODE HERE
    return tf.matmul(tf.transpose(A), x) + b
