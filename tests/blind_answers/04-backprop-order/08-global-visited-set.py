# blind-answer: wrong
# mistake: keeps the visited set at module level, so a second call on the same graph misses nodes
visited = set()


def backprop_order(loss):
    """Every node `loss` depends on, each after all the nodes that use it."""
    # YOUR CODE HERE
    order = []

    def place(node):
        if node in visited:
            return
        visited.add(node)
        for inp in node.inputs:
            place(inp)
        order.append(node)

    place(loss)
    return order[::-1]
