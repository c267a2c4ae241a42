# blind-answer: wrong
# mistake: lists only the operations, as in the backward pass's order, leaving out placeholders, variables and constants
def backprop_order(loss):
    """Every node `loss` depends on, each after all the nodes that use it."""
    # YOUR CODE HERE
    order = []

    def place(node):
        if node in order:
            return
        for inp in node.inputs:
            place(inp)
        order.append(node)

    place(loss)
    return [node for node in reversed(order) if node.inputs]
