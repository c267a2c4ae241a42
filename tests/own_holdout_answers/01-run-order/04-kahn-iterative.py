# blind-answer: correct
# mistake: Kahn's algorithm from the sources up
def run_order(target):
    """Every node `target` needs, once each, each after its inputs."""
    # YOUR CODE HERE
    nodes, stack = set(), [target]
    while stack:
        n = stack.pop()
        if n not in nodes:
            nodes.add(n)
            stack.extend(n.inputs)
    waiting = {n: len(set(n.inputs)) for n in nodes}
    users = {n: [] for n in nodes}
    for n in nodes:
        for i in set(n.inputs):
            users[i].append(n)
    ready = [n for n in nodes if waiting[n] == 0]
    order = []
    while ready:
        n = ready.pop()
        order.append(n)
        for u in users[n]:
            waiting[u] -= 1
            if waiting[u] == 0:
                ready.append(u)
    return order
