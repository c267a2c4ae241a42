# blind-answer: wrong
# mistake: writes values = {node: value}, replacing the whole dictionary instead of adding an entry
def forward(order, feed):
    """{node: value} for every node of `order`, computed in that order."""
    values = {}
    for node in order:
        # YOUR CODE HERE
        if isinstance(node, Placeholder):
            value = feed[node]
        elif isinstance(node, Variable):
            value = node.initial_value
        elif isinstance(node, Constant):
            value = node.value
        else:
            value = node.compute(*[values[i] for i in node.inputs])
        values = {node: value}
    return values
