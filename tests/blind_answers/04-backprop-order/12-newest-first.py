# blind-answer: correct
# mistake: collects the ancestors, then sorts them newest first by creation index (a node is created after its inputs)
def backprop_order(loss):
    """Every node `loss` depends on, each after all the nodes that use it."""
    # YOUR CODE HERE
    needed, stack = set(), [loss]
    while stack:
        node = stack.pop()
        if node not in needed:
            needed.add(node)
            stack.extend(node.inputs)
    return sorted(needed, key=lambda node: node.index, reverse=True)
