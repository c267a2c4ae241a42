# blind-answer: correct
# mistake: a generator of index batches, and the loss fetched first in the list
def train_epoch(sess, train_op, loss, x, labels, X, Y, batch_size, order):
    """One epoch of mini-batch training; the loss of each batch (before its step), in order."""

    # YOUR CODE HERE
    def batches():
        for start in range(0, len(order), batch_size):
            yield np.asarray(order[start : start + batch_size], dtype=int)

    losses = []
    for rows in batches():
        value, _ = sess.run([loss, train_op], feed_dict={x: X[rows], labels: Y[rows]})
        losses.append(float(value))
    return losses
