# blind-answer: wrong
# mistake: reverses a depth-first order built without a visited check, so shared nodes appear several times
def backprop_order(loss):
    """Every node `loss` depends on, each after all the nodes that use it."""
    # YOUR CODE HERE
    order = []

    def place(node):
        for inp in node.inputs:
            place(inp)
        order.append(node)

    place(loss)
    return order[::-1]
