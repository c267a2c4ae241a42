# blind-answer: wrong
# mistake: transposes x to make a row, then multiplies x^T·A^T and transposes back wrongly
def affine(A, x, b):
    """The node A·x + b (A a matrix, x and b columns)."""
    # YOUR CODE HERE
    return tf.transpose(tf.matmul(tf.transpose(x), A)) + b
