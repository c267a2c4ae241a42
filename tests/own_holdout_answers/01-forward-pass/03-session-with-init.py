# blind-answer: wrong
# mistake: asks an initialised session for each node: every run recomputes all the ops before that node, so an op runs many times
def forward(order, feed):
    """{node: value} for every node of `order`, computed in that order."""
    values = {}
    for node in order:
        # YOUR CODE HERE
        with tf.Session(graph=node.graph) as s:
            s.run(tf.variables_initializer([n for n in order if isinstance(n, Variable)]))
            values[node] = s.run(node, {k: v for k, v in feed.items()})
    return values
