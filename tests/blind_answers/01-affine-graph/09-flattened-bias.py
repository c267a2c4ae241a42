# blind-answer: wrong
# mistake: flattens b to a vector, so a column plus a vector broadcasts to a matrix
def affine(A, x, b):
    """The node A·x + b (A a matrix, x and b columns)."""
    # YOUR CODE HERE
    Ax = tf.matmul(A, x)
    return Ax + tf.reshape(b, (-1,))
