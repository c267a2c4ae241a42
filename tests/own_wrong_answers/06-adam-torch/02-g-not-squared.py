# blind-answer: wrong
# mistake: averages g instead of g² into v
def adam_step_torch(w, g, m, v, t, lr, beta1, beta2, eps):
    """One step of Adam with PyTorch's placement of eps. Returns [w, m, v]."""
    # YOUR CODE HERE
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g
    m_hat, v_hat = m / (1 - beta1**t), v / (1 - beta2**t)
    return [w - lr * m_hat / (np.sqrt(np.abs(v_hat)) + eps), m, v]
