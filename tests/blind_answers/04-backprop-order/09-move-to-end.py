# blind-answer: wrong
# mistake: breadth-first, moving a node to the end when it is met again, but not its inputs: they can end up before it
def backprop_order(loss):
    """Every node `loss` depends on, each after all the nodes that use it."""
    # YOUR CODE HERE
    order, queue = [loss], [loss]
    while queue:
        node = queue.pop(0)
        for inp in node.inputs:
            if inp in order:
                order.remove(inp)  # met again: it must come later
                order.append(inp)
            else:
                order.append(inp)
                queue.append(inp)
    return order
