# blind-answer: correct
# mistake: walks indexes backwards with range
def tape_gradients(tape, output):
    """{tensor: d output / d tensor}, by walking the tape from its end."""
    # YOUR CODE HERE
    grads = {output: 1.0}
    for k in range(len(tape) - 1, -1, -1):
        out, inputs, vjp = tape[k]
        if out not in grads:
            continue
        shares = vjp(grads[out])
        for t, g in zip(inputs, shares):
            grads[t] = g if t not in grads else grads[t] + g
    return grads
