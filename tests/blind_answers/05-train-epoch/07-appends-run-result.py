# blind-answer: wrong
# mistake: appends what sess.run returned, the pair [None, loss], instead of the loss
def train_epoch(sess, train_op, loss, x, labels, X, Y, batch_size, order):
    """One epoch of mini-batch training; the loss of each batch (before its step), in order."""
    # YOUR CODE HERE
    losses = []
    for start in range(0, len(order), batch_size):
        rows = order[start : start + batch_size]
        losses.append(sess.run([train_op, loss], feed_dict={x: X[rows], labels: Y[rows]}))
    return losses
