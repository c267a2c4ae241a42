# blind-answer: wrong
# mistake: multiplies by grad twice
def sigmoid_grad(op, grad):
    (a,) = op.input_values  # the input (you may not need it)
    # YOUR CODE HERE
    s = op.output_value
    return [grad * grad * s * (1 - s)]
