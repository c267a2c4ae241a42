# blind-answer: correct
# mistake: uses σ(a)σ(-a) = exp(-softplus(a) - softplus(-a)), computed with np.logaddexp
def sigmoid_grad(op, grad):
    (a,) = op.input_values  # the input (you may not need it)
    # YOUR CODE HERE
    local = np.exp(-np.logaddexp(0.0, a) - np.logaddexp(0.0, -a))  # σ(a)·(1 - σ(a)), never overflows
    return [np.multiply(grad, local)]
