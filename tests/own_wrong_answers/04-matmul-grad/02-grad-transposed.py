# blind-answer: correct
# mistake: transposes grad and the products: (B @ grad.T).T equals grad @ B.T
def matmul_grad(op, grad):
    A, B = op.input_values
    # YOUR CODE HERE
    return [(B @ grad.T).T, (grad.T @ A).T]
