# blind-answer: correct
# mistake: σ(a) = exp(a - softplus(a)) using the op's output
@tf.register_gradient("Softplus")
def softplus_grad(op, grad):
    (a,) = op.input_values
    # YOUR CODE HERE
    return [grad * np.exp(a - op.output_value)]
