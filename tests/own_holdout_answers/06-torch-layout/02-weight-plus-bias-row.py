# blind-answer: wrong
# mistake: appends the bias as a row of the weight
def torch_linear_params(W, b):
    """[weight, bias] for torch.nn.Linear, from deepslow's (inputs, outputs) W and its b."""
    # YOUR CODE HERE
    return [np.vstack([W, b]).T, b]
