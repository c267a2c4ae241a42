# blind-answer: wrong
# mistake: divides dB by the number of rows of A, as if averaging over a batch
def matmul_grad(op, grad):
    A, B = op.input_values
    # YOUR CODE HERE
    return [grad @ B.T, (A.T @ grad) / A.shape[0]]
