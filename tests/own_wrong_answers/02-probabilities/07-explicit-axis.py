# blind-answer: correct
# mistake: names the axis of the softmax and builds with tf.add
def probabilities(x, W, b):
    """The node softmax(x·W + b): one row of class probabilities per point."""
    # YOUR CODE HERE
    return tf.nn.softmax(tf.add(tf.matmul(x, W), b), axis=-1)
