# blind-answer: wrong
# mistake: uses tanh instead of the sigmoid
def hidden_layer(x, W, b):
    """The node σ(x·W + b): one hidden layer for a batch of rows x."""
    # YOUR CODE HERE
    return tf.tanh(tf.matmul(x, W) + b)
