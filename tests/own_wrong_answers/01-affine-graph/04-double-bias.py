# blind-answer: wrong
# mistake: adds the bias twice
def affine(A, x, b):
    """The node A·x + b (A a matrix, x and b columns)."""
    # YOUR CODE HERE
    return tf.matmul(A, x) + b + b
