# blind-answer: wrong
# mistake: divides by grad instead of multiplying
def sigmoid_grad(op, grad):
    (a,) = op.input_values  # the input (you may not need it)
    # YOUR CODE HERE
    s = op.output_value
    return [s * (1 - s) / grad]
