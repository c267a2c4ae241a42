# blind-answer: correct
# mistake: accumulates with grads.get(inp, 0) + g, which always makes a new array
def backward_pass(order, values, loss):
    """{node: dL/dnode} for every node on the way from the loss back to the inputs."""
    grads = {loss: np.ones_like(values[loss])}  # dL/dL = 1
    for node in order:
        # YOUR CODE HERE
        incoming = grads.get(node)
        grad_fn = get_gradient(node) if incoming is not None else None
        if grad_fn is None:
            continue
        op = OpValues(node, [values[i] for i in node.inputs], values[node])
        for inp, g in zip(node.inputs, grad_fn(op, incoming)):
            if g is not None:
                grads[inp] = grads.get(inp, 0) + g
    return grads
