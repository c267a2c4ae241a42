# blind-answer: correct
# mistake: reads σ(a) off the output: σ(a) = 1 - e^(-softplus(a)), computed as -expm1(-output)
@tf.register_gradient("Softplus")
def softplus_grad(op, grad):
    (a,) = op.input_values
    # YOUR CODE HERE
    return [grad * -np.expm1(-op.output_value)]
