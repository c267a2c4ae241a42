# blind-answer: wrong
# mistake: multiplies in the wrong order, W·x
def hidden_layer(x, W, b):
    """The node σ(x·W + b): one hidden layer for a batch of rows x."""
    # YOUR CODE HERE
    return tf.sigmoid(tf.matmul(W, x) + b)
