# blind-answer: wrong
# mistake: returns the local derivative σ(a)(1 - σ(a)) without multiplying by the incoming gradient
def sigmoid_grad(op, grad):
    (a,) = op.input_values  # the input (you may not need it)
    # YOUR CODE HERE
    s = op.output_value
    return [s * (1 - s)]
