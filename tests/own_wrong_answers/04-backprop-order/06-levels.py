# blind-answer: wrong
# mistake: orders by distance from the loss (longest path not used)
def backprop_order(loss):
    """Every node `loss` depends on, each after all the nodes that use it."""
    # YOUR CODE HERE
    depth, frontier = {loss: 0}, [loss]
    while frontier:
        nxt = []
        for node in frontier:
            for inp in node.inputs:
                if inp not in depth:
                    depth[inp] = depth[node] + 1
                    nxt.append(inp)
        frontier = nxt
    return sorted(depth, key=depth.get)
