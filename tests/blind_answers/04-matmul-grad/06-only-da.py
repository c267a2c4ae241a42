# blind-answer: wrong
# mistake: returns only the gradient for A: one gradient for an op with two inputs
def matmul_grad(op, grad):
    A, B = op.input_values
    # YOUR CODE HERE
    return [grad @ B.T]
