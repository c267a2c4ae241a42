# blind-answer: wrong
# mistake: takes the rows in their stored order, X[start:start + batch_size], ignoring the shuffle
def train_epoch(sess, train_op, loss, x, labels, X, Y, batch_size, order):
    """One epoch of mini-batch training; the loss of each batch (before its step), in order."""
    # YOUR CODE HERE
    losses = []
    for start in range(0, len(X), batch_size):
        feed = {x: X[start : start + batch_size], labels: Y[start : start + batch_size]}
        _, value = sess.run([train_op, loss], feed_dict=feed)
        losses.append(value)
    return losses
