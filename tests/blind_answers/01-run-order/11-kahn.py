# blind-answer: correct
# mistake: Kahn's algorithm: counts each needed node's unplaced inputs and releases a node when that count reaches zero
def run_order(target):
    """Every node `target` needs, once each, each after its inputs."""
    # YOUR CODE HERE
    needed, stack = set(), [target]
    while stack:
        node = stack.pop()
        if node not in needed:
            needed.add(node)
            stack.extend(node.inputs)
    waiting = {node: len(set(node.inputs)) for node in needed}  # a node used twice by one op counts once
    users = {node: [] for node in needed}
    for node in needed:
        for inp in set(node.inputs):
            users[inp].append(node)
    ready = [node for node in needed if waiting[node] == 0]
    order = []
    while ready:
        node = ready.pop()
        order.append(node)
        for user in users[node]:
            waiting[user] -= 1
            if waiting[user] == 0:
                ready.append(user)
    return order
