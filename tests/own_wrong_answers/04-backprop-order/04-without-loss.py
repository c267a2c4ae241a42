# blind-answer: wrong
# mistake: starts with the loss's inputs and leaves the loss out
def backprop_order(loss):
    """Every node `loss` depends on, each after all the nodes that use it."""
    # YOUR CODE HERE
    order, seen = [], set()

    def visit(node):
        if node in seen:
            return
        seen.add(node)
        for inp in node.inputs:
            visit(inp)
        order.append(node)

    for inp in loss.inputs:
        visit(inp)
    return order[::-1]
