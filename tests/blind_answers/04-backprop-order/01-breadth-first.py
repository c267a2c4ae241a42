# blind-answer: wrong
# mistake: breadth-first from the loss (the lesson's warning): a node reached early by a short path is listed before a consumer on a longer path
def backprop_order(loss):
    """Every node `loss` depends on, each after all the nodes that use it."""
    # YOUR CODE HERE
    order, queue = [loss], [loss]
    while queue:
        node = queue.pop(0)
        for inp in node.inputs:
            if inp not in order:
                order.append(inp)
                queue.append(inp)
    return order
