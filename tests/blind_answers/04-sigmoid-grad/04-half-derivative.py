# blind-answer: wrong
# mistake: drops the (1 - σ) factor: grad·σ(a)
def sigmoid_grad(op, grad):
    (a,) = op.input_values  # the input (you may not need it)
    # YOUR CODE HERE
    return [grad * op.output_value]
