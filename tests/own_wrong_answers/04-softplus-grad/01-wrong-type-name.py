# blind-answer: wrong
# mistake: registers under the function's name, not the op type
@tf.register_gradient("softplus")
def softplus_grad(op, grad):
    (a,) = op.input_values
    return [grad / (1 + np.exp(-a))]
