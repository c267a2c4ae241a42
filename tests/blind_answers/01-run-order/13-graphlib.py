# blind-answer: correct
# mistake: hands the ancestors and their inputs to the standard library's graphlib.TopologicalSorter
def run_order(target):
    """Every node `target` needs, once each, each after its inputs."""
    # YOUR CODE HERE
    import graphlib

    inputs_of, stack = {}, [target]
    while stack:
        node = stack.pop()
        if node not in inputs_of:
            inputs_of[node] = list(node.inputs)
            stack.extend(node.inputs)
    return list(graphlib.TopologicalSorter(inputs_of).static_order())
