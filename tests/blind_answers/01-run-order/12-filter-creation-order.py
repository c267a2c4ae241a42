# blind-answer: correct
# mistake: collects the ancestors with a stack, then lists them in the graph's creation order (which is topological)
def run_order(target):
    """Every node `target` needs, once each, each after its inputs."""
    # YOUR CODE HERE
    needed, stack = set(), [target]
    while stack:
        node = stack.pop()
        if node not in needed:
            needed.add(node)
            stack.extend(node.inputs)
    return [node for node in target.graph.nodes if node in needed]
