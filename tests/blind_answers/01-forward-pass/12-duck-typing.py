# blind-answer: correct
# mistake: no isinstance: fed nodes from the feed, anything with compute computed, then initial_value or value
def forward(order, feed):
    """{node: value} for every node of `order`, computed in that order."""
    values = {}
    for node in order:
        # YOUR CODE HERE
        if node in feed:
            values[node] = feed[node]
        elif hasattr(node, "compute"):
            values[node] = node.compute(*[values[i] for i in node.inputs])
        elif hasattr(node, "initial_value"):
            values[node] = node.initial_value
        else:
            values[node] = node.value
    return values
