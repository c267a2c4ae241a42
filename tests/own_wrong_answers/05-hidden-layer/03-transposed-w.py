# blind-answer: wrong
# mistake: uses W transposed
def hidden_layer(x, W, b):
    """The node σ(x·W + b): one hidden layer for a batch of rows x."""
    # YOUR CODE HERE
    return tf.sigmoid(tf.matmul(x, tf.transpose(W)) + b)
