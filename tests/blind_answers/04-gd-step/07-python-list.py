# blind-answer: wrong
# mistake: loops over the entries and returns a Python list (and cannot iterate a 0-d array)
def gd_step(w, grad, lr):
    """The parameters after one gradient-descent step."""
    # YOUR CODE HERE
    return [wi - lr * gi for wi, gi in zip(w, grad)]
