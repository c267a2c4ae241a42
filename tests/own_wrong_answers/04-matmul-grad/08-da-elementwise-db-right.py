# blind-answer: wrong
# mistake: dA uses grad * B (elementwise), dB is right
def matmul_grad(op, grad):
    A, B = op.input_values
    # YOUR CODE HERE
    return [(grad[:, :1] * B.sum(axis=1)), A.T @ grad]
