# blind-answer: wrong
# mistake: sorts the needed nodes by name
def run_order(target):
    """Every node `target` needs, once each, each after its inputs."""
    # YOUR CODE HERE
    seen, stack = set(), [target]
    while stack:
        node = stack.pop()
        if node not in seen:
            seen.add(node)
            stack.extend(node.inputs)
    return sorted(seen, key=lambda n: n.name)
