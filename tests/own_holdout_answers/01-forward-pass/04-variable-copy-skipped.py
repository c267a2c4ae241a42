# blind-answer: wrong
# mistake: gives variables None and lets ops fail
def forward(order, feed):
    """{node: value} for every node of `order`, computed in that order."""
    values = {}
    for node in order:
        # YOUR CODE HERE
        if isinstance(node, Placeholder):
            values[node] = feed[node]
        elif isinstance(node, Constant):
            values[node] = node.value
        elif isinstance(node, Variable):
            values[node] = None
        else:
            values[node] = node.compute(*[values[i] for i in node.inputs])
    return values
