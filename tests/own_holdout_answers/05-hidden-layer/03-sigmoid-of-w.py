# blind-answer: wrong
# mistake: squashes the weights
def hidden_layer(x, W, b):
    """The node σ(x·W + b): one hidden layer for a batch of rows x."""
    # YOUR CODE HERE
    return tf.matmul(x, tf.sigmoid(W)) + b
