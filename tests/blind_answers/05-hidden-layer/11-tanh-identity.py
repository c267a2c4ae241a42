# blind-answer: correct
# mistake: uses σ(z) = (1 + tanh(z/2)) / 2 with deepslow ops
def hidden_layer(x, W, b):
    """The node σ(x·W + b): one hidden layer for a batch of rows x."""
    # YOUR CODE HERE
    z = tf.add(tf.matmul(x, W), b, name="pre_activation")
    return 0.5 * (1.0 + tf.tanh(0.5 * z))
