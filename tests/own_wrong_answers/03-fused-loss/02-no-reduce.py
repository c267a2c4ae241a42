# blind-answer: wrong
# mistake: returns the per-example losses
def mean_cross_entropy(scores, c):
    """The node (1/n) Σ_i (cross-entropy of example i), from the raw scores, by the fused op."""
    # YOUR CODE HERE
    return tf.nn.softmax_cross_entropy_with_logits_v2(labels=c, logits=scores)
