# blind-answer: wrong
# mistake: recursive preorder visiting inputs last-first
def backprop_order(loss):
    """Every node `loss` depends on, each after all the nodes that use it."""
    # YOUR CODE HERE
    order, seen = [], set()

    def visit(node):
        if node in seen:
            return
        seen.add(node)
        order.append(node)
        for inp in reversed(node.inputs):
            visit(inp)

    visit(loss)
    return order
