# blind-answer: wrong
# mistake: looks the placeholder up in the feed by its name instead of by the node
def forward(order, feed):
    """{node: value} for every node of `order`, computed in that order."""
    values = {}
    for node in order:
        # YOUR CODE HERE
        if isinstance(node, Placeholder):
            values[node] = feed[node.name]
        elif isinstance(node, Variable):
            values[node] = node.initial_value
        elif isinstance(node, Constant):
            values[node] = node.value
        else:
            values[node] = node.compute(*[values[i] for i in node.inputs])
    return values
