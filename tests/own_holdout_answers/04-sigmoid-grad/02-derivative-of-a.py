# blind-answer: wrong
# mistake: uses exp(-a) / (1 + exp(-a)) without squaring
def sigmoid_grad(op, grad):
    (a,) = op.input_values  # the input (you may not need it)
    # YOUR CODE HERE
    return [grad * np.exp(-a) / (1 + np.exp(-a))]
