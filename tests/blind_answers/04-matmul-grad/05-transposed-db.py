# blind-answer: wrong
# mistake: computes dB as gradᵀ·A, which is the transpose of Aᵀ·grad (right shape only when square)
def matmul_grad(op, grad):
    A, B = op.input_values
    # YOUR CODE HERE
    return [grad @ B.T, grad.T @ A]
