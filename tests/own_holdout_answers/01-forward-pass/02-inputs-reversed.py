# blind-answer: wrong
# mistake: passes the input values in reverse order
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
            values[node] = node.compute(*[values[i] for i in reversed(node.inputs)])
    return values
