# blind-answer: wrong
# mistake: feeds the whole data set at every step instead of the batch's rows
def train_epoch(sess, train_op, loss, x, labels, X, Y, batch_size, order):
    """One epoch of mini-batch training; the loss of each batch (before its step), in order."""
    # YOUR CODE HERE
    losses = []
    for start in range(0, len(order), batch_size):
        _, value = sess.run([train_op, loss], feed_dict={x: X, labels: Y})
        losses.append(value)
    return losses
