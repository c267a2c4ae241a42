# blind-answer: wrong
# mistake: collects the ops only, excluding sources, with a stack
def run_order(target):
    """Every node `target` needs, once each, each after its inputs."""
    # YOUR CODE HERE
    order, seen, stack = [], set(), [(target, False)]
    while stack:
        node, done = stack.pop()
        if done:
            if node.inputs:
                order.append(node)
            continue
        if node in seen:
            continue
        seen.add(node)
        stack.append((node, True))
        stack.extend((inp, False) for inp in node.inputs)
    return order
