# blind-answer: correct
# mistake: local derivatives first (vjp of 1), then multiplied walking back (right for elementwise ops)
def tape_gradients(tape, output):
    """{tensor: d output / d tensor}, by walking the tape from its end."""
    local = [vjp(1.0) for _, _, vjp in tape]
    grads = {output: 1.0}
    for (out, inputs, _), shares in reversed(list(zip(tape, local))):
        if out in grads:
            for t, s in zip(inputs, shares):
                grads[t] = grads[t] + s * grads[out] if t in grads else s * grads[out]
    return grads
