# blind-answer: correct
# mistake: reduce_sum over axis=[0, 1] explicitly, with names
def negative_log_likelihood(p, c):
    """The node J = -Σ_i Σ_k c_ik log p_ik."""
    # YOUR CODE HERE
    log_p = tf.log(p, name="log_p")
    total = tf.reduce_sum(tf.multiply(c, log_p, name="c_log_p"), axis=[0, 1], name="sum")
    return tf.negative(total, name="J")
