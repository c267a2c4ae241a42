# blind-answer: correct
# mistake: computes (xᵀ·Aᵀ)ᵀ + b: the same product through three transposes
def affine(A, x, b):
    """The node A·x + b (A a matrix, x and b columns)."""
    # YOUR CODE HERE
    xT_AT = tf.matmul(x, A, transpose_a=True, transpose_b=True)  # (A x)ᵀ = xᵀ Aᵀ
    return tf.add(tf.transpose(xT_AT), b, name="affine")
