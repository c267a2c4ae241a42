# blind-answer: wrong
# mistake: puts every placeholder, variable and constant first, then the operations breadth-first reversed: ops can still come before ops they use
def run_order(target):
    """Every node `target` needs, once each, each after its inputs."""
    # YOUR CODE HERE
    found, queue = [target], [target]
    while queue:
        node = queue.pop(0)
        for inp in node.inputs:
            if inp not in found:
                found.append(inp)
                queue.append(inp)
    sources = [node for node in found if not node.inputs]
    operations = [node for node in found if node.inputs]
    return sources + operations[::-1]
