# blind-answer: correct
# mistake: uses graphlib.TopologicalSorter
def run_order(target):
    """Every node `target` needs, once each, each after its inputs."""
    # YOUR CODE HERE
    import graphlib

    graph, stack = {}, [target]
    while stack:
        node = stack.pop()
        if node not in graph:
            graph[node] = list(node.inputs)
            stack.extend(node.inputs)
    return list(graphlib.TopologicalSorter(graph).static_order())
