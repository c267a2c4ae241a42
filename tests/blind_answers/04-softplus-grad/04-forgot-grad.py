# blind-answer: wrong
# mistake: returns the local derivative σ(a) without the incoming gradient
@tf.register_gradient("Softplus")
def softplus_grad(op, grad):
    (a,) = op.input_values
    # YOUR CODE HERE
    return [0.5 * (1 + np.tanh(0.5 * a))]
