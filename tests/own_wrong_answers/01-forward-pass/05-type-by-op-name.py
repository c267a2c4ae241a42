# blind-answer: wrong
# mistake: tells nodes apart by op_type strings, missing constants
def forward(order, feed):
    """{node: value} for every node of `order`, computed in that order."""
    values = {}
    for node in order:
        # YOUR CODE HERE
        if node.op_type == "Placeholder":
            values[node] = feed[node]
        elif node.op_type == "Variable":
            values[node] = node.initial_value
        else:
            values[node] = node.compute(*[values[i] for i in node.inputs])
    return values
