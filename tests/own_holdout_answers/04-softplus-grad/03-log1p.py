# blind-answer: wrong
# mistake: returns log1p(e^-a)
@tf.register_gradient("Softplus")
def softplus_grad(op, grad):
    (a,) = op.input_values
    # YOUR CODE HERE
    return [grad * np.log1p(np.exp(-a))]
