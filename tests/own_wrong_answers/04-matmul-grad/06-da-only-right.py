# blind-answer: wrong
# mistake: dB forgets the transpose of A
def matmul_grad(op, grad):
    A, B = op.input_values
    # YOUR CODE HERE
    return [grad @ B.T, A @ grad]
