# blind-answer: wrong
# mistake: runs the train op, then the loss in a second run: records the loss after each step, not before
def train_epoch(sess, train_op, loss, x, labels, X, Y, batch_size, order):
    """One epoch of mini-batch training; the loss of each batch (before its step), in order."""
    # YOUR CODE HERE
    losses = []
    for start in range(0, len(order), batch_size):
        rows = order[start : start + batch_size]
        feed = {x: X[rows], labels: Y[rows]}
        sess.run(train_op, feed_dict=feed)
        losses.append(sess.run(loss, feed_dict=feed))
    return losses
