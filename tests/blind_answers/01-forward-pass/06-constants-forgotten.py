# blind-answer: wrong
# mistake: has no branch for constants (the plain numbers in x * 2), so it calls compute on them
def forward(order, feed):
    """{node: value} for every node of `order`, computed in that order."""
    values = {}
    for node in order:
        # YOUR CODE HERE
        if isinstance(node, Placeholder):
            values[node] = feed[node]
        elif isinstance(node, Variable):
            values[node] = node.initial_value
        else:
            values[node] = node.compute(*[values[i] for i in node.inputs])
    return values
