# blind-answer: wrong
# mistake: corrects only the learning rate by 1 - β1^t
def adam_step_torch(w, g, m, v, t, lr, beta1, beta2, eps):
    """One step of Adam with PyTorch's placement of eps. Returns [w, m, v]."""
    # YOUR CODE HERE
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g * g
    return [w - lr / (1 - beta1**t) * m / (np.sqrt(v) + eps), m, v]
