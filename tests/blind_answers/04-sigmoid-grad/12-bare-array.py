# blind-answer: correct
# mistake: returns the bare array instead of a one-element list, which deepslow's backprop accepts for one-input ops
def sigmoid_grad(op, grad):
    (a,) = op.input_values  # the input (you may not need it)
    # YOUR CODE HERE
    s = op.output_value
    return grad * s * (1 - s)
