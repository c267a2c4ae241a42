# blind-answer: correct
# mistake: uses the output: 1 − e^(−softplus(a)) equals σ(a) exactly
@tf.register_gradient("Softplus")
def softplus_grad(op, grad):
    (a,) = op.input_values
    # YOUR CODE HERE
    return [grad * (1 - np.exp(-op.output_value))]
