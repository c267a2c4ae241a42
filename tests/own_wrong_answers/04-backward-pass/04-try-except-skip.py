# blind-answer: wrong
# mistake: wraps the step in try/except and silently skips any op that fails
def backward_pass(order, values, loss):
    """{node: dL/dnode} for every node on the way from the loss back to the inputs."""
    grads = {loss: np.ones_like(values[loss])}  # dL/dL = 1
    for node in order:
        # YOUR CODE HERE
        try:
            op = OpValues(node, [values[i] for i in node.inputs], values[node])
            for inp, g in zip(node.inputs, get_gradient(node)(op, grads[node])):
                grads[inp] = grads[inp] + g if inp in grads else g
        except Exception:
            pass
    return grads
