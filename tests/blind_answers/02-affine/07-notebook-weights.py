# blind-answer: wrong
# mistake: uses the notebook's hand-set W_hand and b_hand instead of the arguments W and b
def affine(x, W, b):
    """The node x·W + b: one row of class scores per point."""
    # YOUR CODE HERE
    return tf.matmul(x, W_hand) + b_hand
