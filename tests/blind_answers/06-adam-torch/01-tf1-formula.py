# blind-answer: wrong
# mistake: writes TensorFlow 1's update (eps added to √v before the bias correction), the formula shown next to it: differs for tiny gradients
def adam_step_torch(w, g, m, v, t, lr, beta1, beta2, eps):
    """One step of Adam with PyTorch's placement of eps. Returns [w, m, v]."""
    # YOUR CODE HERE
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g * g
    step = lr * np.sqrt(1 - beta2**t) / (1 - beta1**t)
    return [w - step * m / (np.sqrt(v) + eps), m, v]
