# blind-answer: wrong
# mistake: seeds with 0
def tape_gradients(tape, output):
    """{tensor: d output / d tensor}, by walking the tape from its end."""
    # YOUR CODE HERE
    grads = {output: 0.0}
    for out, inputs, vjp in reversed(tape):
        if out in grads:
            for t, g in zip(inputs, vjp(grads[out])):
                grads[t] = grads[t] + g if t in grads else g
    return grads
