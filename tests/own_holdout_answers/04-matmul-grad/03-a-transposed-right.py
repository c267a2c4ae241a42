# blind-answer: wrong
# mistake: dB = grad.T @ A, transposed wrong
def matmul_grad(op, grad):
    A, B = op.input_values
    # YOUR CODE HERE
    return [grad @ B.T, (grad.T @ A)]
