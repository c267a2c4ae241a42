# blind-answer: wrong
# mistake: reads a variable's value as node.value (a constant's attribute) instead of node.initial_value
def forward(order, feed):
    """{node: value} for every node of `order`, computed in that order."""
    values = {}
    for node in order:
        # YOUR CODE HERE
        if isinstance(node, Placeholder):
            values[node] = feed[node]
        elif isinstance(node, (Variable, Constant)):
            values[node] = node.value
        else:
            values[node] = node.compute(*[values[i] for i in node.inputs])
    return values
