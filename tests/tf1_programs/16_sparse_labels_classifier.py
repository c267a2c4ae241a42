"""A classifier on integer class labels: sparse softmax cross-entropy, one_hot for accuracy,
leaky ReLU, L2 weight decay with tf.nn.l2_loss, and a sigmoid yes/no head with Adagrad."""

import numpy as np
import tensorflow as tf

rng = np.random.RandomState(9)
features = rng.normal(size=(150, 6)).astype(np.float32)
label_ids = np.argmax(features[:, :3] + 0.3 * features[:, 3:], axis=1).astype(np.int64)
is_positive = (features.sum(axis=1, keepdims=True) > 0).astype(np.float32)

x = tf.placeholder(tf.float32, [None, 6])
y = tf.placeholder(tf.int64, [None])
flag = tf.placeholder(tf.float32, [None, 1])

W1 = tf.Variable(rng.normal(0.0, 0.4, (6, 10)).astype(np.float32))
b1 = tf.Variable(tf.zeros([10]))
W2 = tf.Variable(rng.normal(0.0, 0.4, (10, 3)).astype(np.float32))
b2 = tf.Variable(tf.zeros([3]))
W3 = tf.Variable(rng.normal(0.0, 0.4, (10, 1)).astype(np.float32))

hidden = tf.nn.leaky_relu(tf.nn.bias_add(tf.matmul(x, W1), b1), alpha=0.1)
logits = tf.matmul(hidden, W2) + b2
yes_no = tf.matmul(hidden, W3)

xent = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=logits))
decay = 0.001 * (tf.nn.l2_loss(W1) + tf.nn.l2_loss(W2))
binary = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(labels=flag, logits=yes_no))
loss = xent + decay + binary
train = tf.train.AdagradOptimizer(0.2).minimize(loss)

predicted = tf.argmax(logits, 1)
accuracy = tf.reduce_mean(tf.to_float(tf.equal(predicted, y)))
onehot_accuracy = tf.reduce_mean(tf.reduce_sum(tf.one_hot(y, 3) * tf.nn.softmax(logits), axis=1))
said_yes = tf.cast(tf.greater(tf.sigmoid(yes_no), 0.5), tf.float32)
flag_accuracy = tf.reduce_mean(tf.cast(tf.equal(said_yes, flag), tf.float32))
most_confident = tf.reduce_max(tf.nn.softmax(logits), axis=1)

feed = {x: features, y: label_ids, flag: is_positive}
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(151):
        _, l = sess.run([train, loss], feed_dict=feed)
        if step % 50 == 0:
            print("step", step, "loss %.6f" % l)
    print("accuracy %.4f, probability on the right class %.4f" % tuple(sess.run([accuracy, onehot_accuracy], feed)))
    print("yes/no accuracy %.4f" % sess.run(flag_accuracy, feed))
    print("confidence of the first five:", sess.run(most_confident, feed)[:5])
    print(
        "tf.losses agrees:",
        np.isclose(
            sess.run(tf.losses.sparse_softmax_cross_entropy(labels=y, logits=logits), feed), sess.run(xent, feed)
        ),
    )
