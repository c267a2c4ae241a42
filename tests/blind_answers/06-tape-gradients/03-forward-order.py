# blind-answer: wrong
# mistake: walks the tape from its start instead of its end, so ops are skipped before their gradient arrives
def tape_gradients(tape, output):
    """{tensor: d output / d tensor}, by walking the tape from its end."""
    # YOUR CODE HERE
    grads = {output: np.ones_like(output.data)}
    for out, inputs, vjp in tape:
        if out not in grads:
            continue
        for tensor, g in zip(inputs, vjp(grads[out])):
            grads[tensor] = grads[tensor] + g if tensor in grads else g
    return grads
