# blind-answer: wrong
# mistake: adds b to W before the product: σ(x·(W + b))
def hidden_layer(x, W, b):
    """The node σ(x·W + b): one hidden layer for a batch of rows x."""
    # YOUR CODE HERE
    return tf.sigmoid(tf.matmul(x, W + b))
