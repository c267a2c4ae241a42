# blind-answer: wrong
# mistake: sums grad to a number
def matmul_grad(op, grad):
    A, B = op.input_values
    # YOUR CODE HERE
    return [grad.sum() * np.ones_like(A), grad.sum() * np.ones_like(B)]
