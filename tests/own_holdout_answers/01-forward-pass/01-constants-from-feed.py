# blind-answer: wrong
# mistake: looks constants up in the feed
def forward(order, feed):
    """{node: value} for every node of `order`, computed in that order."""
    values = {}
    for node in order:
        # YOUR CODE HERE
        if isinstance(node, (Placeholder, Constant)):
            values[node] = feed[node]
        elif isinstance(node, Variable):
            values[node] = node.initial_value
        else:
            values[node] = node.compute(*[values[i] for i in node.inputs])
    return values
