# blind-answer: wrong
# mistake: passes log of softmax as logits then also by hand
def mean_cross_entropy(scores, c):
    """The node (1/n) Σ_i (cross-entropy of example i), from the raw scores, by the fused op."""
    # YOUR CODE HERE
    return tf.reduce_mean(tf.negative(tf.reduce_sum(c * tf.log(tf.nn.softmax(scores) + 1e-12), axis=1)))
