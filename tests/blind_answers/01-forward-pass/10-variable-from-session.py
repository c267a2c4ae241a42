# blind-answer: wrong
# mistake: asks a fresh Session for the variable, which has not been initialised there
def forward(order, feed):
    """{node: value} for every node of `order`, computed in that order."""
    values = {}
    for node in order:
        # YOUR CODE HERE
        if isinstance(node, Placeholder):
            values[node] = feed[node]
        elif isinstance(node, Variable):
            with tf.Session(graph=node.graph) as sess:
                values[node] = sess.run(node)
        elif isinstance(node, Constant):
            values[node] = node.value
        else:
            values[node] = node.compute(*[values[i] for i in node.inputs])
    return values
