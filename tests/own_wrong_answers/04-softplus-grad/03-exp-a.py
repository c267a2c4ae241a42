# blind-answer: wrong
# mistake: returns e^a (the inner derivative only)
@tf.register_gradient("Softplus")
def softplus_grad(op, grad):
    (a,) = op.input_values
    # YOUR CODE HERE
    return [grad * np.exp(a)]
