# blind-answer: wrong
# mistake: uses the sigmoid's derivative σ(a)(1 - σ(a)) from exercise 2 instead of σ(a)
@tf.register_gradient("Softplus")
def softplus_grad(op, grad):
    (a,) = op.input_values
    # YOUR CODE HERE
    s = 0.5 * (1 + np.tanh(0.5 * a))
    return [grad * s * (1 - s)]
