# blind-answer: wrong
# mistake: uses * (elementwise, broadcasting) where a matrix product is needed
def affine(A, x, b):
    """The node A·x + b (A a matrix, x and b columns)."""
    # YOUR CODE HERE
    return A * x + b
