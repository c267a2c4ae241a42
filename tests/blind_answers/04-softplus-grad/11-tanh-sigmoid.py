# blind-answer: correct
# mistake: σ(a) through the tanh identity, (1 + tanh(a/2)) / 2
@tf.register_gradient("Softplus")
def softplus_grad(op, grad):
    (a,) = op.input_values
    # YOUR CODE HERE
    return [grad * 0.5 * (1 + np.tanh(0.5 * a))]
