# blind-answer: correct
# mistake: a match statement with class patterns that pull out initial_value and value
def forward(order, feed):
    """{node: value} for every node of `order`, computed in that order."""
    values = {}
    for node in order:
        # YOUR CODE HERE
        match node:
            case Placeholder():
                values[node] = feed[node]
            case Variable(initial_value=stored):
                values[node] = stored
            case Constant(value=fixed):
                values[node] = fixed
            case _:
                values[node] = node.compute(*(values[i] for i in node.inputs))
    return values
