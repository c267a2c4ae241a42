# blind-answer: wrong
# mistake: multiplies elementwise, as for the Mul op
def matmul_grad(op, grad):
    A, B = op.input_values
    # YOUR CODE HERE
    return [grad * B, A * grad]
