# blind-answer: wrong
# mistake: writes the derivative as e^a / (1 + e^a): inf / inf = NaN at a = 800
@tf.register_gradient("Softplus")
def softplus_grad(op, grad):
    (a,) = op.input_values
    # YOUR CODE HERE
    return [grad * np.exp(a) / (1 + np.exp(a))]
