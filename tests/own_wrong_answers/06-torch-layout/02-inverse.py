# blind-answer: wrong
# mistake: inverts W
def torch_linear_params(W, b):
    """[weight, bias] for torch.nn.Linear, from deepslow's (inputs, outputs) W and its b."""
    # YOUR CODE HERE
    return [np.linalg.inv(W), b]
