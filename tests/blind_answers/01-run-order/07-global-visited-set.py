# blind-answer: wrong
# mistake: keeps the set of placed nodes at module level, so a second call on the same graph leaves out nodes placed by the first
placed = set()  # every node placed so far


def run_order(target):
    """Every node `target` needs, once each, each after its inputs."""
    # YOUR CODE HERE
    order = []

    def place(node):
        if node in placed:
            return
        for inp in node.inputs:
            place(inp)
        placed.add(node)
        order.append(node)

    place(target)
    return order
