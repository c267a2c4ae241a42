# blind-answer: correct
# mistake: operators, and the sum in two steps: over the classes, then over the examples
def negative_log_likelihood(p, c):
    """The node J = -Σ_i Σ_k c_ik log p_ik."""
    # YOUR CODE HERE
    per_example = tf.reduce_sum(c * tf.log(p), axis=1)
    return -tf.reduce_sum(per_example)
