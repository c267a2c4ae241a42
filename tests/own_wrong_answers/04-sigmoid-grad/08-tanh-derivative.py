# blind-answer: wrong
# mistake: uses the derivative of tanh, 1 - σ²
def sigmoid_grad(op, grad):
    (a,) = op.input_values  # the input (you may not need it)
    # YOUR CODE HERE
    s = op.output_value
    return [grad * (1 - s**2)]
