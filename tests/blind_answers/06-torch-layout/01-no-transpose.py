# blind-answer: wrong
# mistake: copies W unchanged: a shape error for non-square layers and silently the transposed map for square ones
def torch_linear_params(W, b):
    """[weight, bias] for torch.nn.Linear, from deepslow's (inputs, outputs) W and its b."""
    # YOUR CODE HERE
    return [W, b]
