# blind-answer: wrong
# mistake: does not skip records whose output the result does not depend on: KeyError on the first such record
def tape_gradients(tape, output):
    """{tensor: d output / d tensor}, by walking the tape from its end."""
    # YOUR CODE HERE
    grads = {output: np.ones_like(output.data)}
    for out, inputs, vjp in reversed(tape):
        for tensor, g in zip(inputs, vjp(grads[out])):
            grads[tensor] = grads[tensor] + g if tensor in grads else g
    return grads
