# blind-answer: wrong
# mistake: multiplies grad in place
def sigmoid_grad(op, grad):
    (a,) = op.input_values  # the input (you may not need it)
    # YOUR CODE HERE
    s = op.output_value
    grad *= s * (1 - s)
    return [grad]
