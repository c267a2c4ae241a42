# blind-answer: correct
# mistake: also 'transposes' the bias, which is a no-op for a 1-D array
def torch_linear_params(W, b):
    """[weight, bias] for torch.nn.Linear, from deepslow's (inputs, outputs) W and its b."""
    # YOUR CODE HERE
    return [W.T, b.T]
