# blind-answer: wrong
# mistake: reshapes W to (outputs, inputs) instead of transposing it: right shape, scrambled entries
def torch_linear_params(W, b):
    """[weight, bias] for torch.nn.Linear, from deepslow's (inputs, outputs) W and its b."""
    # YOUR CODE HERE
    inputs, outputs = W.shape
    return [W.reshape(outputs, inputs), b]
