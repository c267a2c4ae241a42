# blind-answer: correct
# mistake: iterative post-order with a stack, reversed
def backprop_order(loss):
    """Every node `loss` depends on, each after all the nodes that use it."""
    # YOUR CODE HERE
    order, seen, stack = [], set(), [(loss, iter(loss.inputs))]
    seen.add(loss)
    while stack:
        node, it = stack[-1]
        nxt = next((i for i in it if i not in seen), None)
        if nxt is None:
            stack.pop()
            order.append(node)
        else:
            seen.add(nxt)
            stack.append((nxt, iter(nxt.inputs)))
    return order[::-1]
