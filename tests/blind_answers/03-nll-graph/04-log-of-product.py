# blind-answer: wrong
# mistake: takes the log after multiplying by the labels: log(c·p) is log 0 = -inf for the other classes
def negative_log_likelihood(p, c):
    """The node J = -Σ_i Σ_k c_ik log p_ik."""
    # YOUR CODE HERE
    return tf.negative(tf.reduce_sum(tf.log(tf.multiply(c, p))))
