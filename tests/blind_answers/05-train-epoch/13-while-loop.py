# blind-answer: correct
# mistake: a while loop over a start index, fetching a dict so the loss is picked by name
def train_epoch(sess, train_op, loss, x, labels, X, Y, batch_size, order):
    """One epoch of mini-batch training; the loss of each batch (before its step), in order."""
    # YOUR CODE HERE
    losses, start = [], 0
    while start < len(order):
        rows = list(order[start : start + batch_size])
        result = sess.run({"step": train_op, "loss": loss}, feed_dict={x: X[rows], labels: Y[rows]})
        losses.append(result["loss"])
        start += batch_size
    return losses
