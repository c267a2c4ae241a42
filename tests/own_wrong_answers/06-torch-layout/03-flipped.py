# blind-answer: wrong
# mistake: flips W left-right
def torch_linear_params(W, b):
    """[weight, bias] for torch.nn.Linear, from deepslow's (inputs, outputs) W and its b."""
    # YOUR CODE HERE
    return [np.fliplr(W).T, b]
