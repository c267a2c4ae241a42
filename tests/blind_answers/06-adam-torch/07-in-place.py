# blind-answer: wrong
# mistake: updates w, m and v in place with *=, += and -=: changes the caller's arrays, and breaks when one array is passed for all three as in the lesson's cell
def adam_step_torch(w, g, m, v, t, lr, beta1, beta2, eps):
    """One step of Adam with PyTorch's placement of eps. Returns [w, m, v]."""
    # YOUR CODE HERE
    m *= beta1
    m += (1 - beta1) * g
    v *= beta2
    v += (1 - beta2) * g * g
    w -= lr * (m / (1 - beta1**t)) / (np.sqrt(v / (1 - beta2**t)) + eps)
    return [w, m, v]
