# blind-answer: wrong
# mistake: reshapes b to (1, 2) as in the 2-2-2 network: right for two hidden units only
def hidden_layer(x, W, b):
    """The node σ(x·W + b): one hidden layer for a batch of rows x."""
    # YOUR CODE HERE
    return tf.sigmoid(tf.matmul(x, W) + tf.reshape(b, (1, 2)))
