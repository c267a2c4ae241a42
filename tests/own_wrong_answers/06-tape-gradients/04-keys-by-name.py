# blind-answer: wrong
# mistake: keys the dict by tensor repr
def tape_gradients(tape, output):
    """{tensor: d output / d tensor}, by walking the tape from its end."""
    # YOUR CODE HERE
    grads = {repr(output): 1.0}
    for out, inputs, vjp in reversed(tape):
        if repr(out) in grads:
            for t, g in zip(inputs, vjp(grads[repr(out)])):
                grads[repr(t)] = grads[repr(t)] + g if repr(t) in grads else g
    return grads
