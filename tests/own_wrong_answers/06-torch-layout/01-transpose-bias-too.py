# blind-answer: wrong
# mistake: reshapes the bias into a column as well
def torch_linear_params(W, b):
    """[weight, bias] for torch.nn.Linear, from deepslow's (inputs, outputs) W and its b."""
    # YOUR CODE HERE
    return [W.T, b.reshape(-1, 1)]
