# blind-answer: wrong
# mistake: averages with tf.reduce_mean (like exercise 2's mean) instead of summing
def negative_log_likelihood(p, c):
    """The node J = -Σ_i Σ_k c_ik log p_ik."""
    # YOUR CODE HERE
    return tf.negative(tf.reduce_mean(tf.multiply(c, tf.log(p))))
