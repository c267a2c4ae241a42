# blind-answer: wrong
# mistake: multiplies the product by b instead of adding it
def affine(A, x, b):
    """The node A·x + b (A a matrix, x and b columns)."""
    # YOUR CODE HERE
    return tf.matmul(A, x) * b
