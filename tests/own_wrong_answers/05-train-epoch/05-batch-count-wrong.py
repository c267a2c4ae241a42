# blind-answer: wrong
# mistake: uses len(order) // batch_size batches, dropping the rest
def train_epoch(sess, train_op, loss, x, labels, X, Y, batch_size, order):
    """One epoch of mini-batch training; the loss of each batch (before its step), in order."""
    # YOUR CODE HERE
    losses = []
    for i in range(len(order) // batch_size):
        rows = order[i * batch_size : (i + 1) * batch_size]
        _, value = sess.run([train_op, loss], {x: X[rows], labels: Y[rows]})
        losses.append(value)
    return losses
