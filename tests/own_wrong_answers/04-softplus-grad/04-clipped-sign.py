# blind-answer: wrong
# mistake: clips a for safety, but e^-a / (1 + e^-a) is σ(−a), not σ(a)
@tf.register_gradient("Softplus")
def softplus_grad(op, grad):
    (a,) = op.input_values
    # YOUR CODE HERE
    a = np.clip(a, -30, 30)
    return [grad * np.exp(-a) / (1 + np.exp(-a))]
