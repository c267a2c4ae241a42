# blind-answer: correct
# mistake: accumulates with dict.get and a zero default
def backward_pass(order, values, loss):
    """{node: dL/dnode} for every node on the way from the loss back to the inputs."""
    grads = {loss: np.ones_like(values[loss])}  # dL/dL = 1
    for node in order:
        # YOUR CODE HERE
        if node not in grads:
            continue
        grad_fn = get_gradient(node)
        if grad_fn is None:
            continue
        shares = grad_fn(OpValues(node, [values[i] for i in node.inputs], values[node]), grads[node])
        for inp, g in zip(node.inputs, shares):
            if g is not None:
                grads[inp] = grads.get(inp, 0) + g
    return grads
