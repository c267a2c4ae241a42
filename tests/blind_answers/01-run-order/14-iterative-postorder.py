# blind-answer: correct
# mistake: depth-first without recursion: an explicit stack of (node, inputs done) pairs
def run_order(target):
    """Every node `target` needs, once each, each after its inputs."""
    # YOUR CODE HERE
    order, placed, stack = [], set(), [(target, False)]
    while stack:
        node, inputs_done = stack.pop()
        if node in placed:
            continue
        if inputs_done:
            placed.add(node)
            order.append(node)
        else:
            stack.append((node, True))
            stack.extend((inp, False) for inp in reversed(node.inputs) if inp not in placed)
    return order
