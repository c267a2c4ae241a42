# blind-answer: wrong
# mistake: runs each node in a new session without initialising or feeding variables
def forward(order, feed):
    """{node: value} for every node of `order`, computed in that order."""
    values = {}
    for node in order:
        # YOUR CODE HERE
        with tf.Session() as s:
            values[node] = s.run(node, feed)
    return values
