# blind-answer: correct
# mistake: builds σ from deepslow ops, 1 / (1 + exp(-z)), instead of tf.sigmoid
def hidden_layer(x, W, b):
    """The node σ(x·W + b): one hidden layer for a batch of rows x."""
    # YOUR CODE HERE
    z = tf.matmul(x, W) + b
    return 1.0 / (1.0 + tf.exp(-z))
