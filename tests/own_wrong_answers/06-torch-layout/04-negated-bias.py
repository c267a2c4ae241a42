# blind-answer: wrong
# mistake: negates the bias, thinking torch subtracts it
def torch_linear_params(W, b):
    """[weight, bias] for torch.nn.Linear, from deepslow's (inputs, outputs) W and its b."""
    # YOUR CODE HERE
    return [W.T, -b]
