# blind-answer: wrong
# mistake: mixes up the arguments: c·log(p) written as p·log(c)
def negative_log_likelihood(p, c):
    """The node J = -Σ_i Σ_k c_ik log p_ik."""
    # YOUR CODE HERE
    return tf.negative(tf.reduce_sum(tf.multiply(p, tf.log(c))))
