# blind-answer: wrong
# mistake: passes the gradient as the op's output value
def backward_pass(order, values, loss):
    """{node: dL/dnode} for every node on the way from the loss back to the inputs."""
    grads = {loss: np.ones_like(values[loss])}  # dL/dL = 1
    for node in order:
        # YOUR CODE HERE
        if node not in grads or get_gradient(node) is None:
            continue
        op = OpValues(node, [values[i] for i in node.inputs], grads[node])
        for inp, g in zip(node.inputs, get_gradient(node)(op, grads[node])):
            if g is not None:
                grads[inp] = grads[inp] + g if inp in grads else g
    return grads
