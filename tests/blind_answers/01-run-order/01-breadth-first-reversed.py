# blind-answer: wrong
# mistake: breadth-first from the target, then reversed: fails when two branches of different lengths meet
def run_order(target):
    """Every node `target` needs, once each, each after its inputs."""
    # YOUR CODE HERE
    order, queue, seen = [], [target], {target}
    while queue:
        node = queue.pop(0)
        order.append(node)
        for inp in node.inputs:
            if inp not in seen:
                seen.add(inp)
                queue.append(inp)
    return order[::-1]
