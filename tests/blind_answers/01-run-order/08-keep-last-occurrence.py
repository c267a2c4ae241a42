# blind-answer: wrong
# mistake: walks every path, then removes duplicates by keeping each node's last occurrence, which can come before a user of it
def run_order(target):
    """Every node `target` needs, once each, each after its inputs."""
    # YOUR CODE HERE
    visits = []

    def walk(node):
        for inp in node.inputs:
            walk(inp)
        visits.append(node)

    walk(target)
    order = []
    for node in visits:
        if node in order:
            order.remove(node)
        order.append(node)
    return order
