# blind-answer: wrong
# mistake: postorder without a seen set, reversed
def backprop_order(loss):
    """Every node `loss` depends on, each after all the nodes that use it."""
    # YOUR CODE HERE
    order = []

    def visit(node):
        for inp in node.inputs:
            visit(inp)
        order.append(node)

    visit(loss)
    return order[::-1]
