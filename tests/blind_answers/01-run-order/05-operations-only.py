# blind-answer: wrong
# mistake: leaves out the placeholders, variables and constants: only the operations
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

    place(target)
    return [node for node in order if isinstance(node, Operation)]
