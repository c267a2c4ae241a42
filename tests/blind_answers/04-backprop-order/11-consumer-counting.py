# blind-answer: correct
# mistake: Kahn's algorithm run from the loss: a node is listed once all of its users (consumers) are listed
def backprop_order(loss):
    """Every node `loss` depends on, each after all the nodes that use it."""
    # YOUR CODE HERE
    needed, stack = set(), [loss]
    while stack:
        node = stack.pop()
        if node not in needed:
            needed.add(node)
            stack.extend(node.inputs)
    users_left = {node: 0 for node in needed}
    for node in needed:
        for inp in set(node.inputs):
            users_left[inp] += 1
    ready, order = [loss], []
    while ready:
        node = ready.pop()
        order.append(node)
        for inp in set(node.inputs):
            users_left[inp] -= 1
            if users_left[inp] == 0:
                ready.append(inp)
    return order
