# blind-answer: wrong
# mistake: returns the names of the nodes instead of the nodes
def run_order(target):
    """Every node `target` needs, once each, each after its inputs."""
    # YOUR CODE HERE
    order, seen = [], set()

    def visit(node):
        if node in seen:
            return
        seen.add(node)
        for inp in node.inputs:
            visit(inp)
        order.append(node.name)

    visit(target)
    return order
