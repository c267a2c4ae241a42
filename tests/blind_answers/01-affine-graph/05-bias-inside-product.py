# blind-answer: wrong
# mistake: misplaced parentheses: A·(x + b) instead of A·x + b
def affine(A, x, b):
    """The node A·x + b (A a matrix, x and b columns)."""
    # YOUR CODE HERE
    return tf.matmul(A, x + b)
