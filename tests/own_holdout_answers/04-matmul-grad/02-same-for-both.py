# blind-answer: wrong
# mistake: returns dA for both
def matmul_grad(op, grad):
    A, B = op.input_values
    # YOUR CODE HERE
    return [grad @ B.T, grad @ B.T]
