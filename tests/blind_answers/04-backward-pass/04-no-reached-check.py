# blind-answer: wrong
# mistake: reads grads[node] for every op, including ops no gradient reaches
def backward_pass(order, values, loss):
    """{node: dL/dnode} for every node on the way from the loss back to the inputs."""
    grads = {loss: np.ones_like(values[loss])}  # dL/dL = 1
    for node in order:
        # YOUR CODE HERE
        grad_fn = get_gradient(node)
        if grad_fn is None:
            continue
        input_values = [values[i] for i in node.inputs]
        input_grads = grad_fn(OpValues(node, input_values, values[node]), grads[node])
        for inp, g in zip(node.inputs, input_grads):
            if g is None:
                continue
            grads[inp] = grads[inp] + g if inp in grads else g
    return grads
