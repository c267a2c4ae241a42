# blind-answer: wrong
# mistake: recursion without remembering placed nodes: a shared node appears once per use (and the work grows exponentially)
def run_order(target):
    """Every node `target` needs, once each, each after its inputs."""
    # YOUR CODE HERE
    order = []
    for inp in target.inputs:
        order += run_order(inp)
    order.append(target)
    return order
