# blind-answer: wrong
# mistake: forgets the decorator (the function is never registered)
def softplus_grad(op, grad):
    (a,) = op.input_values
    return [grad * 0.5 * (1 + np.tanh(0.5 * a))]
