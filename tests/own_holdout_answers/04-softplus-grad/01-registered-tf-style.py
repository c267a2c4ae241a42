# blind-answer: correct
# mistake: registers with tf.RegisterGradient
@tf.RegisterGradient("Softplus")
def softplus_grad(op, grad):
    (a,) = op.input_values
    return [grad * (0.5 + 0.5 * np.tanh(a / 2))]
