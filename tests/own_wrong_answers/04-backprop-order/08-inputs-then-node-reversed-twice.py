# blind-answer: wrong
# mistake: reverses a reversed list: returns the forward order with a stack
def backprop_order(loss):
    """Every node `loss` depends on, each after all the nodes that use it."""
    # YOUR CODE HERE
    order, seen, stack = [], set(), [(loss, False)]
    while stack:
        node, done = stack.pop()
        if done:
            order.append(node)
            continue
        if node in seen:
            continue
        seen.add(node)
        stack.append((node, True))
        stack.extend((inp, False) for inp in node.inputs)
    return order[::-1][::-1]
