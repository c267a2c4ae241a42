# blind-answer: correct
# mistake: returns contiguous copies, np.ascontiguousarray(W.T) and b.copy(), as a tuple
def torch_linear_params(W, b):
    """[weight, bias] for torch.nn.Linear, from deepslow's (inputs, outputs) W and its b."""
    # YOUR CODE HERE
    weight = np.ascontiguousarray(W.T)  # (outputs, inputs), its own memory
    return weight, np.array(b, copy=True)
