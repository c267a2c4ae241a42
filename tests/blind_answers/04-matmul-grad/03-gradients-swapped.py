# blind-answer: wrong
# mistake: returns the two gradients in the wrong order, [dB, dA]
def matmul_grad(op, grad):
    A, B = op.input_values
    # YOUR CODE HERE
    return [A.T @ grad, grad @ B.T]
