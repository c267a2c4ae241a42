# blind-answer: wrong
# mistake: computes the number of batches with //, dropping the last, smaller batch
def train_epoch(sess, train_op, loss, x, labels, X, Y, batch_size, order):
    """One epoch of mini-batch training; the loss of each batch (before its step), in order."""
    # YOUR CODE HERE
    losses = []
    for k in range(len(order) // batch_size):
        rows = order[k * batch_size : (k + 1) * batch_size]
        _, value = sess.run([train_op, loss], feed_dict={x: X[rows], labels: Y[rows]})
        losses.append(value)
    return losses
