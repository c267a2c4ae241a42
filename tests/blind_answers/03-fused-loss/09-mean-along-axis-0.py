# blind-answer: correct
# mistake: reduce_mean(axis=0) on the one-dimensional losses, and the v1 alias of the op
def mean_cross_entropy(scores, c):
    """The node (1/n) Σ_i (cross-entropy of example i), from the raw scores, by the fused op."""
    # YOUR CODE HERE
    losses = tf.nn.softmax_cross_entropy_with_logits(labels=c, logits=scores, name="losses")
    return tf.reduce_mean(losses, axis=0, name="mean_loss")
