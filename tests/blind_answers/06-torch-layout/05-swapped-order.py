# blind-answer: wrong
# mistake: returns [bias, weight] instead of [weight, bias]
def torch_linear_params(W, b):
    """[weight, bias] for torch.nn.Linear, from deepslow's (inputs, outputs) W and its b."""
    # YOUR CODE HERE
    return [b, W.T]
