# blind-answer: wrong
# mistake: computes a correct postorder then reverses it (target first)
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
        order.append(node)

    visit(target)
    return order[::-1]
