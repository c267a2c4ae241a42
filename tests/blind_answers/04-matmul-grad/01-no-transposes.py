# blind-answer: wrong
# mistake: forgets both transposes: grad·B and A·grad (a shape error, or silently wrong for square matrices)
def matmul_grad(op, grad):
    A, B = op.input_values
    # YOUR CODE HERE
    return [grad @ B, A @ grad]
