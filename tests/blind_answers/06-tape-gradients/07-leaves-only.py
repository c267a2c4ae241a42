# blind-answer: wrong
# mistake: returns only the tensors no op produced (the inputs), leaving out output and the intermediate results
def tape_gradients(tape, output):
    """{tensor: d output / d tensor}, by walking the tape from its end."""
    # YOUR CODE HERE
    grads = {output: np.ones_like(output.data)}
    for out, inputs, vjp in reversed(tape):
        if out not in grads:
            continue
        for tensor, g in zip(inputs, vjp(grads[out])):
            grads[tensor] = grads[tensor] + g if tensor in grads else g
    produced = {id(out) for out, _, _ in tape}
    return {tensor: g for tensor, g in grads.items() if id(tensor) not in produced}
