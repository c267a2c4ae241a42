# blind-answer: wrong
# mistake: reverses the tape list in place with tape.reverse(), so the recording is changed (a second call walks it forwards)
def tape_gradients(tape, output):
    """{tensor: d output / d tensor}, by walking the tape from its end."""
    # YOUR CODE HERE
    tape.reverse()
    grads = {output: np.ones_like(output.data)}
    for out, inputs, vjp in tape:
        if out not in grads:
            continue
        for tensor, g in zip(inputs, vjp(grads[out])):
            grads[tensor] = grads[tensor] + g if tensor in grads else g
    return grads
