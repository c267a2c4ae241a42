# blind-answer: wrong
# mistake: computes ops from the feed instead of the values dict
def forward(order, feed):
    """{node: value} for every node of `order`, computed in that order."""
    values = {}
    for node in order:
        # YOUR CODE HERE
        if isinstance(node, Placeholder):
            values[node] = feed[node]
        elif isinstance(node, Variable):
            values[node] = node.initial_value
        elif isinstance(node, Constant):
            values[node] = node.value
        else:
            values[node] = node.compute(*[feed.get(i, values.get(i)) for i in node.inputs])
            feed[node] = values[node]
    return values
