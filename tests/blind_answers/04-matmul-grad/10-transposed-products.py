# blind-answer: correct
# mistake: computes dA as (B·gradᵀ)ᵀ and dB as (gradᵀ·A)ᵀ
def matmul_grad(op, grad):
    A, B = op.input_values
    # YOUR CODE HERE
    return [(B @ grad.T).T, (grad.T @ A).T]
