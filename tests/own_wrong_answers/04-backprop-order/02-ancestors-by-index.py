# blind-answer: correct
# mistake: collects the ancestors and sorts them by creation index, descending
def backprop_order(loss):
    """Every node `loss` depends on, each after all the nodes that use it."""
    # YOUR CODE HERE
    seen, stack = set(), [loss]
    while stack:
        node = stack.pop()
        if node not in seen:
            seen.add(node)
            stack.extend(node.inputs)
    return sorted(seen, key=lambda n: n.index, reverse=True)
