# blind-answer: wrong
# mistake: uses a matrix of ones instead of the incoming gradient, as if the loss were always the plain sum of C
def matmul_grad(op, grad):
    A, B = op.input_values
    # YOUR CODE HERE
    ones = np.ones((A.shape[0], B.shape[1]))
    return [ones @ B.T, A.T @ ones]
