# blind-answer: wrong
# mistake: takes the mean and multiplies it back by 100, the lesson's number of points: right only for a batch of 100
def negative_log_likelihood(p, c):
    """The node J = -Σ_i Σ_k c_ik log p_ik."""
    # YOUR CODE HERE
    mean = tf.reduce_mean(tf.reduce_sum(tf.multiply(c, tf.log(p)), axis=1))
    return tf.negative(mean * 100.0)
