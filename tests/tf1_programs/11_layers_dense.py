"""tf.layers.dense networks with tf.losses: a classifier and a regressor. The kernels start from
constant_initializer values (so both libraries train the same network)."""

import numpy as np
import tensorflow as tf

rng = np.random.RandomState(4)
points = rng.normal(size=(120, 2)).astype(np.float32)
classes = (points[:, 0] * points[:, 1] > 0).astype(np.int32)
one_hot = np.eye(2, dtype=np.float32)[classes]
heights = (np.sin(points[:, :1] * 2.0) + 0.5 * points[:, 1:]).astype(np.float32)

w1 = rng.normal(0.0, 0.7, (2, 16)).astype(np.float32)
w2 = rng.normal(0.0, 0.3, (16, 2)).astype(np.float32)
w3 = rng.normal(0.0, 0.3, (16, 1)).astype(np.float32)

x = tf.placeholder(tf.float32, [None, 2], name="x")
labels = tf.placeholder(tf.float32, [None, 2], name="labels")
target = tf.placeholder(tf.float32, [None, 1], name="target")

hidden = tf.layers.dense(x, 16, activation=tf.nn.tanh, kernel_initializer=tf.constant_initializer(w1), name="hidden")
logits = tf.layers.dense(hidden, 2, kernel_initializer=tf.constant_initializer(w2))
regression = tf.layers.dense(
    hidden, 1, kernel_initializer=tf.constant_initializer(w3), bias_initializer=tf.ones_initializer()
)

xent = tf.losses.softmax_cross_entropy(onehot_labels=labels, logits=logits)
mse = tf.losses.mean_squared_error(labels=target, predictions=regression)
total = tf.losses.get_total_loss()
train = tf.train.AdamOptimizer(0.02).minimize(total)
accuracy = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(logits, 1), tf.argmax(labels, 1)), tf.float32))

print("variables:", [v.op.name for v in tf.trainable_variables()])
print("ops:", hidden.op.name, logits.op.name, regression.op.name)

feed = {x: points, labels: one_hot, target: heights}
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(201):
        _, l1, l2 = sess.run([train, xent, mse], feed_dict=feed)
        if step % 50 == 0:
            print("step %3d  cross-entropy %.6f  mse %.6f" % (step, l1, l2))
    print("accuracy:", sess.run(accuracy, feed_dict=feed))
    print("total = sum of both:", np.isclose(sess.run(total, feed), sum(sess.run([xent, mse], feed))))
