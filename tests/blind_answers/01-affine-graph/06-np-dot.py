# blind-answer: wrong
# mistake: uses NumPy's np.dot on symbolic nodes instead of tf.matmul
def affine(A, x, b):
    """The node A·x + b (A a matrix, x and b columns)."""
    # YOUR CODE HERE
    return np.dot(A, x) + b
