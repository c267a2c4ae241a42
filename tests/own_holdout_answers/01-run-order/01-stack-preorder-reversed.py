# blind-answer: wrong
# mistake: an explicit stack, appending on pop, then reversing
def run_order(target):
    """Every node `target` needs, once each, each after its inputs."""
    # YOUR CODE HERE
    order, stack = [], [target]
    while stack:
        node = stack.pop()
        if node in order:
            continue
        order.append(node)
        stack.extend(node.inputs)
    return order[::-1]
