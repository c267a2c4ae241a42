# blind-answer: wrong
# mistake: calls tf.sigmoid on the input value, which builds a graph node instead of computing a number
def sigmoid_grad(op, grad):
    (a,) = op.input_values  # the input (you may not need it)
    # YOUR CODE HERE
    s = tf.sigmoid(a)
    return [grad * s * (1 - s)]
