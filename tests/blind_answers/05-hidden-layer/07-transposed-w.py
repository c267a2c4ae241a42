# blind-answer: wrong
# mistake: transposes W: a shape error, or silently wrong when W is square as in the 2-2-2 network
def hidden_layer(x, W, b):
    """The node σ(x·W + b): one hidden layer for a batch of rows x."""
    # YOUR CODE HERE
    return tf.sigmoid(tf.matmul(x, tf.transpose(W)) + b)
