# blind-answer: wrong
# mistake: differentiates log and forgets the inner derivative: 1 / (1 + e^a)
@tf.register_gradient("Softplus")
def softplus_grad(op, grad):
    (a,) = op.input_values
    # YOUR CODE HERE
    return [grad / (1 + np.exp(a))]
