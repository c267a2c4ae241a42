# blind-answer: wrong
# mistake: cuts order with np.array_split into ceil(n / batch_size) nearly equal parts, which are not batch_size rows each
def train_epoch(sess, train_op, loss, x, labels, X, Y, batch_size, order):
    """One epoch of mini-batch training; the loss of each batch (before its step), in order."""
    # YOUR CODE HERE
    n_batches = int(np.ceil(len(order) / batch_size))
    losses = []
    for rows in np.array_split(np.asarray(order), n_batches):
        _, value = sess.run([train_op, loss], feed_dict={x: X[rows], labels: Y[rows]})
        losses.append(value)
    return losses
