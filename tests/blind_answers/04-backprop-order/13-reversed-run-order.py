# blind-answer: correct
# mistake: reuses lesson 1's idea: an iterative post-order (inputs first), then reversed
def backprop_order(loss):
    """Every node `loss` depends on, each after all the nodes that use it."""
    # YOUR CODE HERE
    forward, placed, stack = [], set(), [(loss, False)]
    while stack:
        node, inputs_done = stack.pop()
        if node in placed:
            continue
        if inputs_done:
            placed.add(node)
            forward.append(node)
        else:
            stack.append((node, True))
            stack.extend((inp, False) for inp in node.inputs if inp not in placed)
    forward.reverse()
    return forward
