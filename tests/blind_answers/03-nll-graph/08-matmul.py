# blind-answer: wrong
# mistake: uses tf.matmul (with a transpose to make the shapes fit) instead of tf.multiply: sums over every pair of examples
def negative_log_likelihood(p, c):
    """The node J = -Σ_i Σ_k c_ik log p_ik."""
    # YOUR CODE HERE
    return tf.negative(tf.reduce_sum(tf.matmul(c, tf.log(p), transpose_b=True)))
