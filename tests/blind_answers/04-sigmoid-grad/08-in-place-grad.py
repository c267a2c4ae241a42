# blind-answer: wrong
# mistake: multiplies the incoming gradient in place with *=, changing an array other ops may share
def sigmoid_grad(op, grad):
    (a,) = op.input_values  # the input (you may not need it)
    # YOUR CODE HERE
    s = op.output_value
    grad *= s * (1 - s)
    return [grad]
