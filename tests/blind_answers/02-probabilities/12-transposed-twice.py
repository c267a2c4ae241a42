# blind-answer: correct
# mistake: builds the scores as columns, transposes back, then takes the softmax
def probabilities(x, W, b):
    """The node softmax(x·W + b): one row of class probabilities per point."""
    # YOUR CODE HERE
    scores_by_column = tf.transpose(tf.matmul(W, x, transpose_a=True, transpose_b=True))  # (Wᵀ xᵀ)ᵀ = x W
    return tf.nn.softmax(scores_by_column + b)
