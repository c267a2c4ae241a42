# blind-answer: wrong
# mistake: adds shares with += (the lesson's warning): add's vjp hands one array to both inputs, so adding to one changes the other
def tape_gradients(tape, output):
    """{tensor: d output / d tensor}, by walking the tape from its end."""
    # YOUR CODE HERE
    grads = {output: np.ones_like(output.data)}
    for out, inputs, vjp in reversed(tape):
        if out not in grads:
            continue
        for tensor, g in zip(inputs, vjp(grads[out])):
            if tensor in grads:
                grads[tensor] += g
            else:
                grads[tensor] = g
    return grads
