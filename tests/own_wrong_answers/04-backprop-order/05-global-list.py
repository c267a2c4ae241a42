# blind-answer: wrong
# mistake: appends to a list defined outside the function
_ORDER = []


def backprop_order(loss):
    """Every node `loss` depends on, each after all the nodes that use it."""
    seen = set(_ORDER)

    def visit(node):
        if node in seen:
            return
        seen.add(node)
        for inp in node.inputs:
            visit(inp)
        _ORDER.append(node)

    visit(loss)
    return _ORDER[::-1]
