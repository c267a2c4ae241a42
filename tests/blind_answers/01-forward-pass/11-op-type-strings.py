# blind-answer: correct
# mistake: dispatches on node.op_type strings, with the constant's type spelled 'Const'
def forward(order, feed):
    """{node: value} for every node of `order`, computed in that order."""
    values = {}
    for node in order:
        # YOUR CODE HERE
        kind = node.op_type
        if kind == "Placeholder":
            values[node] = feed[node]
        elif kind == "Variable":
            values[node] = node.initial_value
        elif kind == "Const":
            values[node] = node.value
        else:
            values[node] = node.compute(*[values[i] for i in node.inputs])
    return values
