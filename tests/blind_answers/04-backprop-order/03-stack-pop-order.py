# blind-answer: wrong
# mistake: an explicit stack, listing nodes as they are popped: fails when an op's second input also feeds its first
def backprop_order(loss):
    """Every node `loss` depends on, each after all the nodes that use it."""
    # YOUR CODE HERE
    order, stack = [], [loss]
    while stack:
        node = stack.pop()
        if node in order:
            continue
        order.append(node)
        stack.extend(node.inputs)
    return order
