# blind-answer: wrong
# mistake: puts the factors on the wrong sides: Bᵀ·grad and grad·Aᵀ
def matmul_grad(op, grad):
    A, B = op.input_values
    # YOUR CODE HERE
    return [B.T @ grad, grad @ A.T]
