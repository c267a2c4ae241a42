# blind-answer: wrong
# mistake: calls each vjp with the op's output value
def tape_gradients(tape, output):
    """{tensor: d output / d tensor}, by walking the tape from its end."""
    # YOUR CODE HERE
    grads = {output: 1.0}
    for out, inputs, vjp in reversed(tape):
        if out in grads:
            for t, g in zip(inputs, vjp(out.data)):
                grads[t] = grads[t] + g if t in grads else g
    return grads
