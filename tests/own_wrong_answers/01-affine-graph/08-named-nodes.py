# blind-answer: correct
# mistake: names the nodes
def affine(A, x, b):
    """The node A·x + b (A a matrix, x and b columns)."""
    # YOUR CODE HERE
    Ax = tf.matmul(A, x, name="Ax")
    return tf.add(Ax, b, name="z")
