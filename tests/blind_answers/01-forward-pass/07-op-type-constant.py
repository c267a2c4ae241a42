# blind-answer: wrong
# mistake: dispatches on op_type but spells the constant's type 'Constant' (it is 'Const')
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
        elif kind == "Constant":
            values[node] = node.value
        else:
            values[node] = node.compute(*[values[i] for i in node.inputs])
    return values
