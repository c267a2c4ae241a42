# blind-answer: wrong
# mistake: skips duplicates when appending but still walks into already placed nodes: right order, exponential time on shared nodes (the lesson's h + h chain)
def run_order(target):
    """Every node `target` needs, once each, each after its inputs."""
    # YOUR CODE HERE
    order = []

    def place(node):
        for inp in node.inputs:
            place(inp)
        if node not in order:
            order.append(node)

    place(target)
    return order
