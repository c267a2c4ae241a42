# blind-answer: wrong
# mistake: forgets the sigmoid: returns the linear layer xW + b
def hidden_layer(x, W, b):
    """The node σ(x·W + b): one hidden layer for a batch of rows x."""
    # YOUR CODE HERE
    return tf.matmul(x, W) + b
