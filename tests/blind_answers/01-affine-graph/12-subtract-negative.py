# blind-answer: correct
# mistake: adds b as a double negative, A·x - (-b), with explicit tf functions
def affine(A, x, b):
    """The node A·x + b (A a matrix, x and b columns)."""
    # YOUR CODE HERE
    product = tf.matmul(A, x, name="Ax")
    return tf.subtract(product, tf.negative(b))
