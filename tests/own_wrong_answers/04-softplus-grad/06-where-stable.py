# blind-answer: correct
# mistake: a piecewise stable sigmoid with np.where
@tf.register_gradient("Softplus")
def softplus_grad(op, grad):
    (a,) = op.input_values
    # YOUR CODE HERE
    e = np.exp(-np.abs(a))
    return [grad * np.where(a >= 0, 1 / (1 + e), e / (1 + e))]
