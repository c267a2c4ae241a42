# blind-answer: wrong
# mistake: lists inputs of each op (never the ops themselves) plus the target
def run_order(target):
    """Every node `target` needs, once each, each after its inputs."""
    # YOUR CODE HERE
    seen, stack, order = set(), [target], []
    while stack:
        node = stack.pop()
        for inp in node.inputs:
            if inp not in seen:
                seen.add(inp)
                order.append(inp)
                stack.append(inp)
    return order[::-1] + [target]
