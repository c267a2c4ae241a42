# blind-answer: correct
# mistake: np.swapaxes and a copy of b
def torch_linear_params(W, b):
    """[weight, bias] for torch.nn.Linear, from deepslow's (inputs, outputs) W and its b."""
    # YOUR CODE HERE
    return [np.swapaxes(W, 0, 1).copy(), b.copy()]
