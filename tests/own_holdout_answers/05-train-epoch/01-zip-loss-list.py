# blind-answer: wrong
# mistake: returns one loss per point
def train_epoch(sess, train_op, loss, x, labels, X, Y, batch_size, order):
    """One epoch of mini-batch training; the loss of each batch (before its step), in order."""
    # YOUR CODE HERE
    losses = []
    for i in order:
        _, value = sess.run([train_op, loss], {x: X[i : i + 1], labels: Y[i : i + 1]})
        losses.append(value)
    return losses
