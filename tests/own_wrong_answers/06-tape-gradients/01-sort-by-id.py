# blind-answer: wrong
# mistake: walks the tape sorted by the output's id
def tape_gradients(tape, output):
    """{tensor: d output / d tensor}, by walking the tape from its end."""
    # YOUR CODE HERE
    grads = {output: 1.0}
    for out, inputs, vjp in sorted(tape, key=lambda r: id(r[0])):
        if out in grads:
            for t, g in zip(inputs, vjp(grads[out])):
                grads[t] = grads[t] + g if t in grads else g
    return grads
