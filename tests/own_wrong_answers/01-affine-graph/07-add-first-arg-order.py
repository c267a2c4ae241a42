# blind-answer: correct
# mistake: adds with b first: b + A·x
def affine(A, x, b):
    """The node A·x + b (A a matrix, x and b columns)."""
    # YOUR CODE HERE
    return tf.add(b, A @ x)
