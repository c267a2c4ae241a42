# blind-answer: correct
# mistake: finds the value with getattr chains
def forward(order, feed):
    """{node: value} for every node of `order`, computed in that order."""
    values = {}
    for node in order:
        # YOUR CODE HERE
        if node in feed:
            values[node] = feed[node]
        elif isinstance(node, Variable):
            values[node] = node.initial_value
        elif hasattr(node, "value") and isinstance(node, Constant):
            values[node] = node.value
        else:
            values[node] = node.compute(*(values[i] for i in node.inputs))
    return values
