# blind-answer: wrong
# mistake: multiplies in the wrong order, x·A instead of A·x
def affine(A, x, b):
    """The node A·x + b (A a matrix, x and b columns)."""
    # YOUR CODE HERE
    return tf.matmul(x, A) + b
