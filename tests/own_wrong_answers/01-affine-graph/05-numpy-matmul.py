# blind-answer: correct
# mistake: np.matmul on placeholders builds a MatMul node (NumPy hands the call to the nodes)
def affine(A, x, b):
    """The node A·x + b (A a matrix, x and b columns)."""
    # YOUR CODE HERE
    return np.matmul(A, x) + b
