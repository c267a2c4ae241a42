# blind-answer: wrong
# mistake: transposes by hand into Python lists, which have no .T and do not support x @ weight.T
def torch_linear_params(W, b):
    """[weight, bias] for torch.nn.Linear, from deepslow's (inputs, outputs) W and its b."""
    # YOUR CODE HERE
    weight = [list(column) for column in zip(*W)]
    return [weight, list(b)]
