# blind-answer: wrong
# mistake: shuffles order again, in place
def train_epoch(sess, train_op, loss, x, labels, X, Y, batch_size, order):
    """One epoch of mini-batch training; the loss of each batch (before its step), in order."""
    # YOUR CODE HERE
    np.random.default_rng(0).shuffle(order)
    losses = []
    for start in range(0, len(order), batch_size):
        rows = order[start : start + batch_size]
        _, value = sess.run([train_op, loss], {x: X[rows], labels: Y[rows]})
        losses.append(value)
    return losses
