# blind-answer: wrong
# mistake: returns grad times softplus(a) itself instead of its derivative
@tf.register_gradient("Softplus")
def softplus_grad(op, grad):
    (a,) = op.input_values
    # YOUR CODE HERE
    return [grad * op.output_value]
