# blind-answer: wrong
# mistake: sums the gradient into a single number
@tf.register_gradient("Softplus")
def softplus_grad(op, grad):
    (a,) = op.input_values
    # YOUR CODE HERE
    return [np.sum(grad * 0.5 * (1 + np.tanh(0.5 * a)))]
