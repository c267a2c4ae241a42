# blind-answer: wrong
# mistake: sorts every node of the graph by creation index, descending
def backprop_order(loss):
    """Every node `loss` depends on, each after all the nodes that use it."""
    # YOUR CODE HERE
    return sorted(loss.graph.nodes, key=lambda n: n.index, reverse=True)
