# blind-answer: correct
# mistake: recursion over each tensor's consumers, memoised: a tensor's gradient is the sum of what each op using it sends back
def tape_gradients(tape, output):
    """{tensor: d output / d tensor}, by walking the tape from its end."""
    # YOUR CODE HERE
    users = {}  # id(tensor) -> [(record number, input position)]
    for k, (_, inputs, _) in enumerate(tape):
        for position, tensor in enumerate(inputs):
            users.setdefault(id(tensor), []).append((k, position))
    memo = {}

    def gradient_of(tensor):
        if tensor is output:
            return np.ones_like(output.data)
        if id(tensor) not in memo:
            total = None
            for k, position in users.get(id(tensor), []):
                out, _, vjp = tape[k]
                g_out = gradient_of(out)
                if g_out is not None:
                    share = vjp(g_out)[position]
                    total = share if total is None else total + share
            memo[id(tensor)] = total
        return memo[id(tensor)]

    tensors = {id(t): t for record in tape for t in [record[0], *record[1]]}
    tensors[id(output)] = output
    result = {t: gradient_of(t) for t in tensors.values()}
    return {t: g for t, g in result.items() if g is not None}
