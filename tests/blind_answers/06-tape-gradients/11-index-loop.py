# blind-answer: correct
# mistake: walks the tape by index from the end, with an explicit seed of 1.0 as the text says
def tape_gradients(tape, output):
    """{tensor: d output / d tensor}, by walking the tape from its end."""
    # YOUR CODE HERE
    grads = {output: np.ones_like(output.data) * 1.0}
    for k in range(len(tape) - 1, -1, -1):
        out, inputs, vjp = tape[k]
        if out in grads:
            shares = vjp(grads[out])
            for tensor, share in zip(inputs, shares):
                grads[tensor] = share if tensor not in grads else np.add(grads[tensor], share)
    return grads
