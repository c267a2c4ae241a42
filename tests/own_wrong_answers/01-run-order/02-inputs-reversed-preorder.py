# blind-answer: wrong
# mistake: preorder with inputs visited last-first, then reversed
def run_order(target):
    """Every node `target` needs, once each, each after its inputs."""
    # YOUR CODE HERE
    order, seen = [], set()

    def visit(node):
        if node in seen:
            return
        seen.add(node)
        order.append(node)
        for inp in reversed(node.inputs):
            visit(inp)

    visit(target)
    return order[::-1]
