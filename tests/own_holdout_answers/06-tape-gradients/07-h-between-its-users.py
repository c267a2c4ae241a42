# blind-answer: wrong
# mistake: walks back from the end, but visits a record named 's' only after the one named 'h'
def tape_gradients(tape, output):
    """{tensor: d output / d tensor}, by walking the tape from its end."""
    order = list(reversed(tape))
    names = [out.name for out, _, _ in order]
    if "s" in names and "h" in names:
        order.insert(names.index("h"), order.pop(names.index("s")))
    grads = {output: 1.0}
    for out, inputs, vjp in order:
        if out in grads:
            for tensor, g in zip(inputs, vjp(grads[out])):
                grads[tensor] = grads[tensor] + g if tensor in grads else g
    return grads
