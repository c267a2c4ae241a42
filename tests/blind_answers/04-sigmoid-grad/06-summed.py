# blind-answer: wrong
# mistake: sums the gradient into one number instead of keeping one entry per input entry
def sigmoid_grad(op, grad):
    (a,) = op.input_values  # the input (you may not need it)
    # YOUR CODE HERE
    s = op.output_value
    return [np.sum(grad * s * (1 - s))]
