# blind-answer: wrong
# mistake: reshapes x to the example's (2, 1): fails for an x with three columns
def affine(A, x, b):
    """The node A·x + b (A a matrix, x and b columns)."""
    # YOUR CODE HERE
    column = tf.reshape(x, (2, 1))
    return tf.matmul(A, column) + b
