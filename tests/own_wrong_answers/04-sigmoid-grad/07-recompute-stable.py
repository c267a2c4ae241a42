# blind-answer: correct
# mistake: recomputes σ with tanh
def sigmoid_grad(op, grad):
    (a,) = op.input_values  # the input (you may not need it)
    # YOUR CODE HERE
    s = 0.5 * (1 + np.tanh(0.5 * a))
    return [grad * s * (1 - s)]
