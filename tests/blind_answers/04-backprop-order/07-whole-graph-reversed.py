# blind-answer: wrong
# mistake: reverses the whole graph's creation order, including nodes the loss does not need
def backprop_order(loss):
    """Every node `loss` depends on, each after all the nodes that use it."""
    # YOUR CODE HERE
    nodes = list(loss.graph.nodes)
    return nodes[::-1]
