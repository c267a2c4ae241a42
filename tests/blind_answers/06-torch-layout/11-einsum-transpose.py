# blind-answer: correct
# mistake: transposes with np.einsum('ij->ji') and checks the result with an assertion
def torch_linear_params(W, b):
    """[weight, bias] for torch.nn.Linear, from deepslow's (inputs, outputs) W and its b."""
    # YOUR CODE HERE
    weight = np.einsum("ij->ji", W)
    bias = np.asarray(b)
    assert np.allclose(np.ones((1, W.shape[0])) @ weight.T + bias, np.ones((1, W.shape[0])) @ W + b)
    return [weight, bias]
