# blind-answer: correct
# mistake: uses the @ and + operators, with the bias written first
def affine(A, x, b):
    """The node A·x + b (A a matrix, x and b columns)."""
    # YOUR CODE HERE
    return b + A @ x
