# blind-answer: wrong
# mistake: appends a node before its inputs (preorder) and reverses the list: breaks when an op's first input also feeds its second
def run_order(target):
    """Every node `target` needs, once each, each after its inputs."""
    # YOUR CODE HERE
    order = []

    def visit(node):
        if node in order:
            return
        order.append(node)
        for inp in node.inputs:
            visit(inp)

    visit(target)
    return list(reversed(order))
