# blind-answer: wrong
# mistake: reports the loss on all the data after each step
def train_epoch(sess, train_op, loss, x, labels, X, Y, batch_size, order):
    """One epoch of mini-batch training; the loss of each batch (before its step), in order."""
    # YOUR CODE HERE
    losses = []
    for start in range(0, len(order), batch_size):
        rows = order[start : start + batch_size]
        sess.run(train_op, {x: X[rows], labels: Y[rows]})
        losses.append(sess.run(loss, {x: X, labels: Y}))
    return losses
