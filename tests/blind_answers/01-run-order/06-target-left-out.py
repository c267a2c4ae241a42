# blind-answer: wrong
# mistake: places the target's inputs but forgets the target itself
def run_order(target):
    """Every node `target` needs, once each, each after its inputs."""
    # YOUR CODE HERE
    order = []

    def place(node):
        if node in order:
            return
        for inp in node.inputs:
            place(inp)
        order.append(node)

    for inp in target.inputs:
        place(inp)
    return order
