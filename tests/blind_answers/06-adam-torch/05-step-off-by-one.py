# blind-answer: wrong
# mistake: corrects with t + 1, as if the step number counted from 0
def adam_step_torch(w, g, m, v, t, lr, beta1, beta2, eps):
    """One step of Adam with PyTorch's placement of eps. Returns [w, m, v]."""
    # YOUR CODE HERE
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g * g
    m_hat = m / (1 - beta1 ** (t + 1))
    v_hat = v / (1 - beta2 ** (t + 1))
    return [w - lr * m_hat / (np.sqrt(v_hat) + eps), m, v]
