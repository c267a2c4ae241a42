# blind-answer: wrong
# mistake: returns the forward (topological) order, loss last, instead of reversing it
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
    return order
