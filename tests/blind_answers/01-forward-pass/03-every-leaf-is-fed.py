# blind-answer: wrong
# mistake: treats every node without inputs as fed, so variables and constants are looked up in the feed
def forward(order, feed):
    """{node: value} for every node of `order`, computed in that order."""
    values = {}
    for node in order:
        # YOUR CODE HERE
        if not node.inputs:
            values[node] = feed[node]
        else:
            values[node] = node.compute(*[values[i] for i in node.inputs])
    return values
