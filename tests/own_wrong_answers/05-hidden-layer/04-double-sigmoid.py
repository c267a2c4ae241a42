# blind-answer: wrong
# mistake: applies σ twice
def hidden_layer(x, W, b):
    """The node σ(x·W + b): one hidden layer for a batch of rows x."""
    # YOUR CODE HERE
    return tf.sigmoid(tf.sigmoid(tf.matmul(x, W) + b))
