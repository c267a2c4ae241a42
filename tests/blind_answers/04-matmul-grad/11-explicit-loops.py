# blind-answer: correct
# mistake: triple loops over the entries, exactly as the sums are written
def matmul_grad(op, grad):
    A, B = op.input_values
    # YOUR CODE HERE
    m, n = A.shape
    k = B.shape[1]
    dA, dB = np.zeros((m, n)), np.zeros((n, k))
    for i in range(m):
        for l in range(n):
            for j in range(k):
                dA[i, l] += grad[i, j] * B[l, j]
                dB[l, j] += A[i, l] * grad[i, j]
    return [dA, dB]
