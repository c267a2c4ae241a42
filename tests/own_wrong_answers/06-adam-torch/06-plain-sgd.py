# blind-answer: wrong
# mistake: ignores the averages and does plain gradient descent
def adam_step_torch(w, g, m, v, t, lr, beta1, beta2, eps):
    """One step of Adam with PyTorch's placement of eps. Returns [w, m, v]."""
    # YOUR CODE HERE
    return [w - lr * g, m, v]
