# blind-answer: wrong
# mistake: sums the product over its rows
def affine(A, x, b):
    """The node A·x + b (A a matrix, x and b columns)."""
    # YOUR CODE HERE
    return tf.reduce_sum(tf.matmul(A, x), axis=0) + b
