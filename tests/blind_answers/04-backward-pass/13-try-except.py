# blind-answer: correct
# mistake: skips unreached ops by catching KeyError, and adds shares with np.add
def backward_pass(order, values, loss):
    """{node: dL/dnode} for every node on the way from the loss back to the inputs."""
    grads = {loss: np.ones_like(values[loss])}  # dL/dL = 1
    for node in order:
        # YOUR CODE HERE
        try:
            incoming = grads[node]
        except KeyError:
            continue  # no gradient reached this op
        grad_fn = get_gradient(node)
        if grad_fn is None:
            continue
        input_grads = grad_fn(OpValues(node, [values[i] for i in node.inputs], values[node]), incoming)
        for inp, g in zip(node.inputs, input_grads):
            if g is None:
                continue
            grads[inp] = np.add(grads[inp], g) if inp in grads else g
    return grads
