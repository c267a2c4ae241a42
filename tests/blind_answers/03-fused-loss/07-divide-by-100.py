# blind-answer: wrong
# mistake: divides the summed loss by 100, the size of the lesson's data set, instead of the batch size
def mean_cross_entropy(scores, c):
    """The node (1/n) Σ_i (cross-entropy of example i), from the raw scores, by the fused op."""
    # YOUR CODE HERE
    losses = tf.nn.softmax_cross_entropy_with_logits_v2(labels=c, logits=scores)
    return tf.reduce_sum(losses) / 100
