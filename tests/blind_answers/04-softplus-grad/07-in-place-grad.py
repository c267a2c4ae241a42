# blind-answer: wrong
# mistake: scales the incoming gradient in place with *=, changing an array that other ops may share
@tf.register_gradient("Softplus")
def softplus_grad(op, grad):
    (a,) = op.input_values
    # YOUR CODE HERE
    grad *= 0.5 * (1 + np.tanh(0.5 * a))
    return [grad]
