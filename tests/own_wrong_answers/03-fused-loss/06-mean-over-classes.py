# blind-answer: wrong
# mistake: averages c * log softmax over every entry (stable but the wrong mean)
def mean_cross_entropy(scores, c):
    """The node (1/n) Σ_i (cross-entropy of example i), from the raw scores, by the fused op."""
    # YOUR CODE HERE
    ls = scores - tf.reduce_sum(scores, axis=1, keepdims=True) * 0.0
    return tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits_v2(labels=c, logits=ls)) / 2.0
