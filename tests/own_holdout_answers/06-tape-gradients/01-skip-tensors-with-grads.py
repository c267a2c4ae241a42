# blind-answer: wrong
# mistake: only gives a tensor its first share (skips tensors that already have one)
def tape_gradients(tape, output):
    """{tensor: d output / d tensor}, by walking the tape from its end."""
    # YOUR CODE HERE
    grads = {output: 1.0}
    for out, inputs, vjp in reversed(tape):
        if out not in grads:
            continue
        for t, g in zip(inputs, vjp(grads[out])):
            if t not in grads:
                grads[t] = g
    return grads
