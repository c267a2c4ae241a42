# blind-answer: correct
# mistake: returns a tuple
def matmul_grad(op, grad):
    A, B = op.input_values
    # YOUR CODE HERE
    return (grad @ B.T, A.T @ grad)
