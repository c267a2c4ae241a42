# blind-answer: wrong
# mistake: returns the node z built earlier in the notebook instead of one built from the arguments
def affine(A, x, b):
    """The node A·x + b (A a matrix, x and b columns)."""
    # YOUR CODE HERE
    return z
