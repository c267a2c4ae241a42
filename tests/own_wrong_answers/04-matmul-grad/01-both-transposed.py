# blind-answer: wrong
# mistake: transposes both factors in each product
def matmul_grad(op, grad):
    A, B = op.input_values
    # YOUR CODE HERE
    return [grad @ B.T.T, A.T.T @ grad]
