# blind-answer: wrong
# mistake: removes output itself from the result (it asked for the gradient of output, so they thought it does not belong)
def tape_gradients(tape, output):
    """{tensor: d output / d tensor}, by walking the tape from its end."""
    # YOUR CODE HERE
    grads = {output: np.ones_like(output.data)}
    for out, inputs, vjp in reversed(tape):
        if out not in grads:
            continue
        for tensor, g in zip(inputs, vjp(grads[out])):
            grads[tensor] = grads[tensor] + g if tensor in grads else g
    del grads[output]
    return grads
