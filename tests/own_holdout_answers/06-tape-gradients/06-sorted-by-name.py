# blind-answer: wrong
# mistake: walks the records sorted by their output's name, backwards
def tape_gradients(tape, output):
    """{tensor: d output / d tensor}, by walking the tape from its end."""
    grads = {output: 1.0}
    for out, inputs, vjp in sorted(tape, key=lambda r: r[0].name, reverse=True):
        if out in grads:
            for t, g in zip(inputs, vjp(grads[out])):
                grads[t] = grads[t] + g if t in grads else g
    return grads
