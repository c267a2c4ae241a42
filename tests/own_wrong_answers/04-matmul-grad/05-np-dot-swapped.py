# blind-answer: wrong
# mistake: np.dot with factors swapped for dA
def matmul_grad(op, grad):
    A, B = op.input_values
    # YOUR CODE HERE
    return [np.dot(B, grad.T).T.T, np.dot(A.T, grad)]
