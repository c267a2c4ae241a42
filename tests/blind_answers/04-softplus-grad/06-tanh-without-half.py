# blind-answer: wrong
# mistake: uses the tanh form of σ but forgets to halve the argument
@tf.register_gradient("Softplus")
def softplus_grad(op, grad):
    (a,) = op.input_values
    # YOUR CODE HERE
    return [grad * 0.5 * (1 + np.tanh(a))]
