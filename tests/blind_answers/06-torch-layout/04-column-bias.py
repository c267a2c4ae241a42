# blind-answer: wrong
# mistake: also turns the bias into a column (one row per output), so it no longer adds to every row of x
def torch_linear_params(W, b):
    """[weight, bias] for torch.nn.Linear, from deepslow's (inputs, outputs) W and its b."""
    # YOUR CODE HERE
    return [W.T, b.reshape(-1, 1)]
