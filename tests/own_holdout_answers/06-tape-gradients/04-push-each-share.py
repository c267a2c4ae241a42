# blind-answer: correct
# mistake: pushes each share on as it arrives (recursive)
def tape_gradients(tape, output):
    """{tensor: d output / d tensor}, by walking the tape from its end."""
    """{tensor: d output / d tensor}, by walking the tape from its end."""
    made_by = {out: (inputs, vjp) for out, inputs, vjp in tape}
    grads = {}

    def push(tensor, g):
        grads[tensor] = grads[tensor] + g if tensor in grads else g
        if tensor in made_by:
            inputs, vjp = made_by[tensor]
            for t, share in zip(inputs, vjp(g)):
                push(t, share)

    push(output, 1.0)
    return grads
