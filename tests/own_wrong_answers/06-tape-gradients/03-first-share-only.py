# blind-answer: wrong
# mistake: keeps the first share and ignores later ones
def tape_gradients(tape, output):
    """{tensor: d output / d tensor}, by walking the tape from its end."""
    # YOUR CODE HERE
    grads = {output: 1.0}
    for out, inputs, vjp in reversed(tape):
        if out in grads:
            for t, g in zip(inputs, vjp(grads[out])):
                grads.setdefault(t, g)
    return grads
