# blind-answer: wrong
# mistake: computes with NumPy on the nodes
def hidden_layer(x, W, b):
    """The node σ(x·W + b): one hidden layer for a batch of rows x."""
    # YOUR CODE HERE
    return 1 / (1 + np.exp(-(x @ W + b)))
