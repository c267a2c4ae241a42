# blind-answer: wrong
# mistake: walks every path (postorder) and keeps the first occurrence of each node
def run_order(target):
    """Every node `target` needs, once each, each after its inputs."""
    # YOUR CODE HERE
    walk = []

    def visit(node):
        for inp in node.inputs:
            visit(inp)
        walk.append(node)

    visit(target)
    return list(dict.fromkeys(walk))
