# blind-answer: wrong
# mistake: passes the input nodes to compute instead of their values, so each op builds a new node
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
            values[node] = node.compute(*node.inputs)
    return values
