# blind-answer: wrong
# mistake: rotates W by 90 degrees with np.rot90 instead of transposing it
def torch_linear_params(W, b):
    """[weight, bias] for torch.nn.Linear, from deepslow's (inputs, outputs) W and its b."""
    # YOUR CODE HERE
    return [np.rot90(W), b]
