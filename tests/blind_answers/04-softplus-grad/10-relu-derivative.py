# blind-answer: wrong
# mistake: treats softplus as relu: derivative 1 for a > 0 and 0 otherwise (right only far from 0)
@tf.register_gradient("Softplus")
def softplus_grad(op, grad):
    (a,) = op.input_values
    # YOUR CODE HERE
    return [grad * (a > 0)]
