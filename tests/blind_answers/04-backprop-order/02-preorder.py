# blind-answer: wrong
# mistake: depth-first, listing each node before its inputs (preorder): an op's first input is listed before the op that also uses it through the second
def backprop_order(loss):
    """Every node `loss` depends on, each after all the nodes that use it."""
    # YOUR CODE HERE
    order = []

    def visit(node):
        if node in order:
            return
        order.append(node)
        for inp in node.inputs:
            visit(inp)

    visit(loss)
    return order
