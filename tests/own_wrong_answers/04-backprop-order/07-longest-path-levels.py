# blind-answer: correct
# mistake: orders by the longest distance from the loss
def backprop_order(loss):
    """Every node `loss` depends on, each after all the nodes that use it."""
    # YOUR CODE HERE
    depth, changed = {loss: 0}, True
    while changed:
        changed = False
        for node in list(depth):
            for inp in node.inputs:
                if depth.get(inp, -1) < depth[node] + 1:
                    depth[inp] = depth[node] + 1
                    changed = True
    return sorted(depth, key=depth.get)
