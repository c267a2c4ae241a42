# blind-answer: correct
# mistake: writes both sums of the derivation with np.einsum
def matmul_grad(op, grad):
    A, B = op.input_values
    # YOUR CODE HERE
    dA = np.einsum("ij,lj->il", grad, B)  # Σ_j ḡ_ij B_lj
    dB = np.einsum("il,ij->lj", A, grad)  # Σ_i A_il ḡ_ij
    return [dA, dB]
