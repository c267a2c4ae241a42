# blind-answer: wrong
# mistake: adds shares with += in place: an Add hands the same array to both inputs, so adding to one corrupts the other's gradient
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
        input_values = [values[i] for i in node.inputs]
        input_grads = grad_fn(OpValues(node, input_values, values[node]), grads[node])
        for inp, g in zip(node.inputs, input_grads):
            if g is None:
                continue
            if inp in grads:
                grads[inp] += g
            else:
                grads[inp] = g
    return grads
