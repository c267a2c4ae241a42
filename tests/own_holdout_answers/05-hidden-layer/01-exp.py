# blind-answer: wrong
# mistake: uses exp as the activation
def hidden_layer(x, W, b):
    """The node σ(x·W + b): one hidden layer for a batch of rows x."""
    # YOUR CODE HERE
    return tf.exp(tf.matmul(x, W) + b)
