# blind-answer: wrong
# mistake: a Fortran-order reshape to (outputs, inputs) is not a transpose (my first label was wrong)
def torch_linear_params(W, b):
    """[weight, bias] for torch.nn.Linear, from deepslow's (inputs, outputs) W and its b."""
    # YOUR CODE HERE
    return [W.reshape(W.shape[::-1], order="F"), b]
