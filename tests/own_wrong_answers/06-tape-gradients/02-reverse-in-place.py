# blind-answer: wrong
# mistake: reverses the tape list in place
def tape_gradients(tape, output):
    """{tensor: d output / d tensor}, by walking the tape from its end."""
    # YOUR CODE HERE
    tape.reverse()
    grads = {output: 1.0}
    for out, inputs, vjp in tape:
        if out in grads:
            for t, g in zip(inputs, vjp(grads[out])):
                grads[t] = grads[t] + g if t in grads else g
    return grads
