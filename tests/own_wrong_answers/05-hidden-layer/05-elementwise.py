# blind-answer: wrong
# mistake: multiplies x and W elementwise
def hidden_layer(x, W, b):
    """The node σ(x·W + b): one hidden layer for a batch of rows x."""
    # YOUR CODE HERE
    return tf.sigmoid(x * W + b)
