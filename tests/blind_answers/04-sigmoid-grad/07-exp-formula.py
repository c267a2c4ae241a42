# blind-answer: wrong
# mistake: differentiates (1 + e^-a)^-1 directly: e^-a / (1 + e^-a)² is inf / inf = NaN for a below about -710
def sigmoid_grad(op, grad):
    (a,) = op.input_values  # the input (you may not need it)
    # YOUR CODE HERE
    e = np.exp(-a)
    return [grad * e / (1 + e) ** 2]
