# blind-answer: wrong
# mistake: recomputes σ from a with exp(a)/(1+exp(a))
def sigmoid_grad(op, grad):
    (a,) = op.input_values  # the input (you may not need it)
    # YOUR CODE HERE
    s = np.exp(a) / (1 + np.exp(a))
    return [grad * s * (1 - s)]
