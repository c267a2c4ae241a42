# blind-answer: wrong
# mistake: uses β2 for m and β1 for v
def adam_step_torch(w, g, m, v, t, lr, beta1, beta2, eps):
    """One step of Adam with PyTorch's placement of eps. Returns [w, m, v]."""
    # YOUR CODE HERE
    m = beta2 * m + (1 - beta2) * g
    v = beta1 * v + (1 - beta1) * g * g
    m_hat, v_hat = m / (1 - beta2**t), v / (1 - beta1**t)
    return [w - lr * m_hat / (np.sqrt(v_hat) + eps), m, v]
