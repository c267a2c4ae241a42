# blind-answer: wrong
# mistake: seeds with output's value instead of 1: the gradient of output with respect to itself is 1
def tape_gradients(tape, output):
    """{tensor: d output / d tensor}, by walking the tape from its end."""
    # YOUR CODE HERE
    grads = {output: output.data}
    for out, inputs, vjp in reversed(tape):
        if out not in grads:
            continue
        for tensor, g in zip(inputs, vjp(grads[out])):
            grads[tensor] = grads[tensor] + g if tensor in grads else g
    return grads
