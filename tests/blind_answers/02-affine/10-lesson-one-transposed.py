# blind-answer: correct
# mistake: reuses lesson 1's column form: (Wᵀ·xᵀ)ᵀ + b
def affine(x, W, b):
    """The node x·W + b: one row of class scores per point."""
    # YOUR CODE HERE
    columns = tf.matmul(tf.transpose(W), tf.transpose(x))  # (K, n): one column of scores per point
    return tf.add(tf.transpose(columns), b, name="scores")
