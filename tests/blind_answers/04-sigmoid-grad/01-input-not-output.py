# blind-answer: wrong
# mistake: uses the input a where σ(a) belongs: grad·a·(1 - a)
def sigmoid_grad(op, grad):
    (a,) = op.input_values  # the input (you may not need it)
    # YOUR CODE HERE
    return [grad * a * (1 - a)]
