# blind-answer: wrong
# mistake: transposes the result
def affine(A, x, b):
    """The node A·x + b (A a matrix, x and b columns)."""
    # YOUR CODE HERE
    return tf.transpose(tf.matmul(A, x) + b)
