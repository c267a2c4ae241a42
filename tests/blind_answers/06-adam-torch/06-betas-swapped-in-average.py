# blind-answer: wrong
# mistake: weights the running average the wrong way round: (1 - β1)·m + β1·g
def adam_step_torch(w, g, m, v, t, lr, beta1, beta2, eps):
    """One step of Adam with PyTorch's placement of eps. Returns [w, m, v]."""
    # YOUR CODE HERE
    m = (1 - beta1) * m + beta1 * g
    v = (1 - beta2) * v + beta2 * g * g
    m_hat = m / (1 - beta1**t)
    v_hat = v / (1 - beta2**t)
    return [w - lr * m_hat / (np.sqrt(v_hat) + eps), m, v]
