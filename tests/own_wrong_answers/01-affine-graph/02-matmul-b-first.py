# blind-answer: wrong
# mistake: adds b to A before multiplying: (A + b)·x
def affine(A, x, b):
    """The node A·x + b (A a matrix, x and b columns)."""
    # YOUR CODE HERE
    return tf.matmul(A + b, x)
