# blind-answer: wrong
# mistake: keeps the placed set as a default argument, shared between calls
def run_order(target, placed=set(), order=None):
    """Every node `target` needs, once each, each after its inputs."""
    if order is None:
        order = []
    if target in placed:
        return order
    for inp in target.inputs:
        run_order(inp, placed, order)
    placed.add(target)
    order.append(target)
    return order
