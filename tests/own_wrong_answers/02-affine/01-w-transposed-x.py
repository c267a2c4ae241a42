# blind-answer: wrong
# mistake: computes W^T·x^T and transposes the result without the bias right
def affine(x, W, b):
    """The node x·W + b: one row of class scores per point."""
    # YOUR CODE HERE
    return tf.transpose(tf.matmul(tf.transpose(W), tf.transpose(x))) * b
