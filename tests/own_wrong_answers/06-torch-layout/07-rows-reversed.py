# blind-answer: wrong
# mistake: reverses the rows after transposing
def torch_linear_params(W, b):
    """[weight, bias] for torch.nn.Linear, from deepslow's (inputs, outputs) W and its b."""
    # YOUR CODE HERE
    return [W.T[::-1], b]
