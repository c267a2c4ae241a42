# blind-answer: correct
# mistake: follows PyTorch's own order of operations: step size lr / (1 - β1ᵗ), denominator √v / √(1 - β2ᵗ) + eps
def adam_step_torch(w, g, m, v, t, lr, beta1, beta2, eps):
    """One step of Adam with PyTorch's placement of eps. Returns [w, m, v]."""
    # YOUR CODE HERE
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * np.square(g)
    bias_correction1 = 1 - beta1**t
    bias_correction2 = 1 - beta2**t
    denom = np.sqrt(v) / np.sqrt(bias_correction2) + eps
    step_size = lr / bias_correction1
    return [w - step_size * m / denom, m, v]
