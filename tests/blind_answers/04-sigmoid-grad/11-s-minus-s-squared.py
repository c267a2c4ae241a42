# blind-answer: correct
# mistake: writes σ' as s - s², and returns a one-element tuple
def sigmoid_grad(op, grad):
    (a,) = op.input_values  # the input (you may not need it)
    # YOUR CODE HERE
    s = op.output_value
    return (grad * (s - s**2),)
