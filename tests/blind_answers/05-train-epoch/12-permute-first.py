# blind-answer: correct
# mistake: permutes X and Y once with order, then slices consecutive rows
def train_epoch(sess, train_op, loss, x, labels, X, Y, batch_size, order):
    """One epoch of mini-batch training; the loss of each batch (before its step), in order."""
    # YOUR CODE HERE
    X_shuffled, Y_shuffled = X[np.asarray(order)], Y[np.asarray(order)]
    losses = []
    for start in range(0, len(X_shuffled), batch_size):
        stop = start + batch_size
        _, value = sess.run([train_op, loss], {x: X_shuffled[start:stop], labels: Y_shuffled[start:stop]})
        losses.append(value)
    return losses
