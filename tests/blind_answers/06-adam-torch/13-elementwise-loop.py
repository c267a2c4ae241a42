# blind-answer: correct
# mistake: a loop over the entries with math.sqrt, which works for numbers and arrays alike
def adam_step_torch(w, g, m, v, t, lr, beta1, beta2, eps):
    """One step of Adam with PyTorch's placement of eps. Returns [w, m, v]."""
    # YOUR CODE HERE
    import math

    w_new, m_new, v_new = (np.array(a, dtype=float) for a in (w, m, v))  # copies, never the caller's arrays
    g = np.broadcast_to(np.asarray(g, dtype=float), w_new.shape)
    for index in np.ndindex(w_new.shape):
        m_new[index] = beta1 * m_new[index] + (1 - beta1) * g[index]
        v_new[index] = beta2 * v_new[index] + (1 - beta2) * g[index] ** 2
        m_hat = m_new[index] / (1 - beta1**t)
        v_hat = v_new[index] / (1 - beta2**t)
        w_new[index] -= lr * m_hat / (math.sqrt(v_hat) + eps)
    return [w_new, m_new, v_new]
