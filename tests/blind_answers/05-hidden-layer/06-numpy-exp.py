# blind-answer: wrong
# mistake: writes the sigmoid with np.exp on a graph node
def hidden_layer(x, W, b):
    """The node σ(x·W + b): one hidden layer for a batch of rows x."""
    # YOUR CODE HERE
    z = tf.matmul(x, W) + b
    return 1 / (1 + np.exp(-z))
