# blind-answer: wrong
# mistake: gets the sign of the exponent wrong: 1 / (1 + e^a) is σ(-a)
@tf.register_gradient("Softplus")
def softplus_grad(op, grad):
    (a,) = op.input_values
    # YOUR CODE HERE
    return [grad / (1 + np.exp(a))]
