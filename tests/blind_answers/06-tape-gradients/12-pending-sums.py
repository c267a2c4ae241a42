# blind-answer: correct
# mistake: keeps a list of shares per tensor and sums it when the tensor's producing op is reached (or at the end)
def tape_gradients(tape, output):
    """{tensor: d output / d tensor}, by walking the tape from its end."""
    # YOUR CODE HERE
    pending = {output: [np.ones_like(output.data)]}
    grads = {}
    for out, inputs, vjp in reversed(tape):
        if out not in pending:
            continue
        grads[out] = sum(pending.pop(out))  # every op that used `out` ran later: all shares are in
        for tensor, g in zip(inputs, vjp(grads[out])):
            pending.setdefault(tensor, []).append(g)
    for tensor, shares in pending.items():  # tensors no recorded op produced (the inputs)
        grads[tensor] = sum(shares)
    return grads
