# blind-answer: wrong
# mistake: records gradients only for tensors that are some op's output
def tape_gradients(tape, output):
    """{tensor: d output / d tensor}, by walking the tape from its end."""
    # YOUR CODE HERE
    grads = {output: 1.0}
    outs = {id(r[0]) for r in tape}
    for out, inputs, vjp in reversed(tape):
        if out in grads:
            for t, g in zip(inputs, vjp(grads[out])):
                if id(t) in outs:
                    grads[t] = grads[t] + g if t in grads else g
    return grads
