# blind-answer: correct
# mistake: operators, tf.nn.sigmoid, and a name for the node
def hidden_layer(x, W, b):
    """The node σ(x·W + b): one hidden layer for a batch of rows x."""
    # YOUR CODE HERE
    return tf.nn.sigmoid(x @ W + b, name="hidden")
