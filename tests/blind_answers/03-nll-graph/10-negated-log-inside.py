# blind-answer: correct
# mistake: negates the log before multiplying: Σ c·(-log p)
def negative_log_likelihood(p, c):
    """The node J = -Σ_i Σ_k c_ik log p_ik."""
    # YOUR CODE HERE
    return tf.reduce_sum(tf.multiply(c, tf.negative(tf.log(p))))
