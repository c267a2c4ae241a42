# blind-answer: wrong
# mistake: returns grad · (1 − σ)
def sigmoid_grad(op, grad):
    (a,) = op.input_values  # the input (you may not need it)
    # YOUR CODE HERE
    s = op.output_value
    return [grad * (1 - s)]
