# blind-answer: correct
# mistake: splits order at multiples of batch_size with np.split
def train_epoch(sess, train_op, loss, x, labels, X, Y, batch_size, order):
    """One epoch of mini-batch training; the loss of each batch (before its step), in order."""
    # YOUR CODE HERE
    losses = []
    for rows in np.split(order, range(batch_size, len(order), batch_size)):
        losses.append(sess.run([train_op, loss], feed_dict={x: X[rows], labels: Y[rows]})[1])
    return losses
