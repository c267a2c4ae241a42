# blind-answer: wrong
# mistake: returns None for B, thinking B is a constant
def matmul_grad(op, grad):
    A, B = op.input_values
    # YOUR CODE HERE
    return [grad @ B.T, None]
