# blind-answer: correct
# mistake: σ(a) = exp(a - log(1 + e^a)), with np.logaddexp for the log
@tf.register_gradient("Softplus")
def softplus_grad(op, grad):
    (a,) = op.input_values
    # YOUR CODE HERE
    sigma = np.exp(a - np.logaddexp(0.0, a))  # the exponent is never positive
    return [grad * sigma]
