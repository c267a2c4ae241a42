# blind-answer: wrong
# mistake: trains on the first batch only
def train_epoch(sess, train_op, loss, x, labels, X, Y, batch_size, order):
    """One epoch of mini-batch training; the loss of each batch (before its step), in order."""
    # YOUR CODE HERE
    rows = order[:batch_size]
    _, value = sess.run([train_op, loss], {x: X[rows], labels: Y[rows]})
    return [value]
