# blind-answer: wrong
# mistake: multiplies b into the product as a matrix: b·(A·x)
def affine(A, x, b):
    """The node A·x + b (A a matrix, x and b columns)."""
    # YOUR CODE HERE
    return tf.matmul(b, tf.transpose(tf.matmul(A, x)))
