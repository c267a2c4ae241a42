# blind-answer: wrong
# mistake: returns both the pre-activation and the activation, a tuple instead of one node
def hidden_layer(x, W, b):
    """The node σ(x·W + b): one hidden layer for a batch of rows x."""
    # YOUR CODE HERE
    z = tf.matmul(x, W) + b
    return z, tf.sigmoid(z)
