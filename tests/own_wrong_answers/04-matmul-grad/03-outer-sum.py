# blind-answer: wrong
# mistake: sums grad over rows for dB
def matmul_grad(op, grad):
    A, B = op.input_values
    # YOUR CODE HERE
    return [grad @ B.T, A.T @ grad.sum(axis=0, keepdims=True).repeat(A.shape[0], axis=0) / A.shape[0]]
