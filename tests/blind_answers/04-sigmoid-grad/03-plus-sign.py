# blind-answer: wrong
# mistake: writes σ(a)(1 + σ(a)) instead of σ(a)(1 - σ(a))
def sigmoid_grad(op, grad):
    (a,) = op.input_values  # the input (you may not need it)
    # YOUR CODE HERE
    s = op.output_value
    return [grad * s * (1 + s)]
