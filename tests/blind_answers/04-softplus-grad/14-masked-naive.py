# blind-answer: correct
# mistake: the textbook 1 / (1 + e^(-a)) on the non-negative entries and e^a / (1 + e^a) on the negative ones
@tf.register_gradient("Softplus")
def softplus_grad(op, grad):
    (a,) = op.input_values
    # YOUR CODE HERE
    a = np.asarray(a, dtype=float)
    sigma = np.empty_like(a)
    positive = a >= 0
    sigma[positive] = 1 / (1 + np.exp(-a[positive]))
    e = np.exp(a[~positive])
    sigma[~positive] = e / (1 + e)
    return [grad * sigma]
