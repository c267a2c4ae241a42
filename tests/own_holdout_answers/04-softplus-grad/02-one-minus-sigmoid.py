# blind-answer: wrong
# mistake: returns 1 - σ(a)
@tf.register_gradient("Softplus")
def softplus_grad(op, grad):
    (a,) = op.input_values
    # YOUR CODE HERE
    return [grad * (1 - 0.5 * (1 + np.tanh(0.5 * a)))]
