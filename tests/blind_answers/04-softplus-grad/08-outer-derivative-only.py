# blind-answer: wrong
# mistake: differentiates log(1 + e^a) as if only the inner e^a mattered: grad·e^a (and e^800 overflows)
@tf.register_gradient("Softplus")
def softplus_grad(op, grad):
    (a,) = op.input_values
    # YOUR CODE HERE
    return [grad * np.exp(a)]
