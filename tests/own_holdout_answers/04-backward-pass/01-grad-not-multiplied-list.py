# blind-answer: wrong
# mistake: stores the list of shares under the op instead of its inputs
def backward_pass(order, values, loss):
    """{node: dL/dnode} for every node on the way from the loss back to the inputs."""
    grads = {loss: np.ones_like(values[loss])}  # dL/dL = 1
    for node in order:
        # YOUR CODE HERE
        if node not in grads or get_gradient(node) is None:
            continue
        op = OpValues(node, [values[i] for i in node.inputs], values[node])
        shares = get_gradient(node)(op, grads[node])
        for inp, g in zip(node.inputs, shares):
            if g is not None:
                grads[inp] = grads.get(inp, 0) + g
        grads[node] = grads[node] * 1.0 if False else grads[node]
        break
    return grads
