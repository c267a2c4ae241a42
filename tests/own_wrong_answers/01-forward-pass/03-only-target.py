# blind-answer: wrong
# mistake: keeps only the last node's value
def forward(order, feed):
    """{node: value} for every node of `order`, computed in that order."""
    values = {}
    for node in order:
        # YOUR CODE HERE
        if isinstance(node, Placeholder):
            v = feed[node]
        elif isinstance(node, Variable):
            v = node.initial_value
        elif isinstance(node, Constant):
            v = node.value
        else:
            v = node.compute(*[values[i] for i in node.inputs])
        values.clear()
        values[node] = v
        values.update({n: values.get(n) for n in []})
    return values
