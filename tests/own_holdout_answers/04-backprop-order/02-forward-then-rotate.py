# blind-answer: wrong
# mistake: puts the loss first but keeps the rest in forward order
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

    visit(loss)
    return [order[-1]] + order[:-1]
