# blind-answer: wrong
# mistake: moves the window by one row at a time
def train_epoch(sess, train_op, loss, x, labels, X, Y, batch_size, order):
    """One epoch of mini-batch training; the loss of each batch (before its step), in order."""
    # YOUR CODE HERE
    losses = []
    for start in range(0, len(order) - batch_size + 1):
        rows = order[start : start + batch_size]
        _, value = sess.run([train_op, loss], {x: X[rows], labels: Y[rows]})
        losses.append(value)
    return losses
