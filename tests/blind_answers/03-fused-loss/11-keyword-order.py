# blind-answer: correct
# mistake: keywords in the other order (logits first), and a named mean
def mean_cross_entropy(scores, c):
    """The node (1/n) Σ_i (cross-entropy of example i), from the raw scores, by the fused op."""
    # YOUR CODE HERE
    per_example = tf.nn.softmax_cross_entropy_with_logits_v2(logits=scores, labels=c)
    return tf.reduce_mean(per_example, name="J_mean")
