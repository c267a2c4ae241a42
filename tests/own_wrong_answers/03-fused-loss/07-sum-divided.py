# blind-answer: correct
# mistake: sums and divides by the batch size from the shape
def mean_cross_entropy(scores, c):
    """The node (1/n) Σ_i (cross-entropy of example i), from the raw scores, by the fused op."""
    # YOUR CODE HERE
    losses = tf.nn.softmax_cross_entropy_with_logits_v2(labels=c, logits=scores)
    return tf.reduce_sum(losses) / float(scores.shape[0])
