# blind-answer: wrong
# mistake: returns two gradients (one extra None) for an op with a single input
def sigmoid_grad(op, grad):
    (a,) = op.input_values  # the input (you may not need it)
    # YOUR CODE HERE
    s = op.output_value
    return [grad * s * (1 - s), None]
