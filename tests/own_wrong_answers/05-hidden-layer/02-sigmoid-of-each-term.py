# blind-answer: wrong
# mistake: applies σ to the product and adds σ(b)
def hidden_layer(x, W, b):
    """The node σ(x·W + b): one hidden layer for a batch of rows x."""
    # YOUR CODE HERE
    return tf.sigmoid(tf.matmul(x, W)) + tf.sigmoid(b)
