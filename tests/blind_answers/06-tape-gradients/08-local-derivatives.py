# blind-answer: wrong
# mistake: calls each vjp with 1.0 instead of the gradient arriving at the op's output: local derivatives without the chain rule
def tape_gradients(tape, output):
    """{tensor: d output / d tensor}, by walking the tape from its end."""
    # YOUR CODE HERE
    grads = {output: np.ones_like(output.data)}
    for out, inputs, vjp in reversed(tape):
        if out not in grads:
            continue
        for tensor, g in zip(inputs, vjp(1.0)):
            grads[tensor] = grads[tensor] + g if tensor in grads else g
    return grads
