# blind-answer: wrong
# mistake: accumulates with np.add(..., out=...)
def tape_gradients(tape, output):
    """{tensor: d output / d tensor}, by walking the tape from its end."""
    # YOUR CODE HERE
    grads = {output: np.array(1.0)}
    for out, inputs, vjp in reversed(tape):
        if out in grads:
            for t, g in zip(inputs, vjp(grads[out])):
                if t in grads:
                    np.add(grads[t], g, out=grads[t])
                else:
                    grads[t] = g
    return grads
