# blind-answer: wrong
# mistake: gives softmax probabilities and sums
def mean_cross_entropy(scores, c):
    """The node (1/n) Σ_i (cross-entropy of example i), from the raw scores, by the fused op."""
    # YOUR CODE HERE
    return tf.reduce_sum(tf.nn.softmax_cross_entropy_with_logits_v2(labels=c, logits=tf.nn.softmax(scores)))
