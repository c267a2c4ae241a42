# blind-answer: correct
# mistake: writes σ with deepslow ops: 1 / (1 + exp(-z))
def hidden_layer(x, W, b):
    """The node σ(x·W + b): one hidden layer for a batch of rows x."""
    # YOUR CODE HERE
    z = x @ W + b
    return 1.0 / (1.0 + tf.exp(-z))
