# blind-answer: wrong
# mistake: runs the train op twice per batch
def train_epoch(sess, train_op, loss, x, labels, X, Y, batch_size, order):
    """One epoch of mini-batch training; the loss of each batch (before its step), in order."""
    # YOUR CODE HERE
    losses = []
    for start in range(0, len(order), batch_size):
        rows = order[start : start + batch_size]
        sess.run(train_op, {x: X[rows], labels: Y[rows]})
        _, value = sess.run([train_op, loss], {x: X[rows], labels: Y[rows]})
        losses.append(value)
    return losses
