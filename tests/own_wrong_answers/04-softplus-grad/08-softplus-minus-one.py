# blind-answer: wrong
# mistake: returns softplus(a) - 1
@tf.register_gradient("Softplus")
def softplus_grad(op, grad):
    (a,) = op.input_values
    # YOUR CODE HERE
    return [grad * (op.output_value - 1)]
