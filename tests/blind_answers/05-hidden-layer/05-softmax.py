# blind-answer: wrong
# mistake: uses the output layer's softmax instead of the sigmoid
def hidden_layer(x, W, b):
    """The node σ(x·W + b): one hidden layer for a batch of rows x."""
    # YOUR CODE HERE
    return tf.nn.softmax(tf.matmul(x, W) + b)
