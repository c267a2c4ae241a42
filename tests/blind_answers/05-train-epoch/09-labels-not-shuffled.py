# blind-answer: wrong
# mistake: shuffles the inputs but slices the labels in their stored order, so points and labels no longer match
def train_epoch(sess, train_op, loss, x, labels, X, Y, batch_size, order):
    """One epoch of mini-batch training; the loss of each batch (before its step), in order."""
    # YOUR CODE HERE
    losses = []
    for start in range(0, len(order), batch_size):
        rows = order[start : start + batch_size]
        feed = {x: X[rows], labels: Y[start : start + batch_size]}
        _, value = sess.run([train_op, loss], feed_dict=feed)
        losses.append(value)
    return losses
