# blind-answer: wrong
# mistake: starts from the loss's inputs and forgets the loss itself
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

    for inp in loss.inputs:
        place(inp)
    return order[::-1]
