# blind-answer: wrong
# mistake: runs the loss and the train op in two separate sess.run calls (loss first): right numbers, but two forward passes per batch, against the instructions
def train_epoch(sess, train_op, loss, x, labels, X, Y, batch_size, order):
    """One epoch of mini-batch training; the loss of each batch (before its step), in order."""
    # YOUR CODE HERE
    losses = []
    for start in range(0, len(order), batch_size):
        rows = order[start : start + batch_size]
        feed = {x: X[rows], labels: Y[rows]}
        losses.append(sess.run(loss, feed_dict=feed))
        sess.run(train_op, feed_dict=feed)
    return losses
