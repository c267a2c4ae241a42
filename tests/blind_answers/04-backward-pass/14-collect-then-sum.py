# blind-answer: correct
# mistake: collects each node's shares in a list and adds them up once, when the node is visited (or after the loop, for inputs)
def backward_pass(order, values, loss):
    """{node: dL/dnode} for every node on the way from the loss back to the inputs."""
    grads = {loss: np.ones_like(values[loss])}  # dL/dL = 1
    shares = {}  # node -> the gradients its users sent, not yet added up
    for node in order:
        # YOUR CODE HERE
        if node in shares:
            grads[node] = sum(shares.pop(node))  # every user came earlier: all shares are in
        if node not in grads or get_gradient(node) is None:
            continue
        op = OpValues(node, [values[i] for i in node.inputs], values[node])
        for inp, g in zip(node.inputs, get_gradient(node)(op, grads[node])):
            if g is not None:
                shares.setdefault(inp, []).append(g)
    for node, parts in shares.items():  # placeholders, variables, constants: never visited
        grads[node] = sum(parts)
    return grads
