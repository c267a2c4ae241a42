# blind-answer: wrong
# mistake: seeds the tape's last record instead of output, assuming output was the last op to run
def tape_gradients(tape, output):
    """{tensor: d output / d tensor}, by walking the tape from its end."""
    # YOUR CODE HERE
    last_output = tape[-1][0]
    grads = {last_output: np.ones_like(last_output.data)}
    for out, inputs, vjp in reversed(tape):
        if out not in grads:
            continue
        for tensor, g in zip(inputs, vjp(grads[out])):
            grads[tensor] = grads[tensor] + g if tensor in grads else g
    return grads
