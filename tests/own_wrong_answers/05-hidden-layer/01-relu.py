# blind-answer: wrong
# mistake: uses relu
def hidden_layer(x, W, b):
    """The node σ(x·W + b): one hidden layer for a batch of rows x."""
    # YOUR CODE HERE
    return tf.nn.relu(tf.matmul(x, W) + b)
