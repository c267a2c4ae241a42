# blind-answer: wrong
# mistake: ravels and reshapes in Fortran order (which is a transpose) but of the bias too
def torch_linear_params(W, b):
    """[weight, bias] for torch.nn.Linear, from deepslow's (inputs, outputs) W and its b."""
    # YOUR CODE HERE
    return [W.reshape(W.shape[::-1], order="F").T, b]
