"""Train, save with tf.train.Saver (with a global step), then restore into a new session."""

import os

import numpy as np
import tensorflow as tf

rng = np.random.RandomState(5)
features = rng.normal(size=(100, 3)).astype(np.float32)
target = (features @ np.array([[1.5], [-2.0], [0.5]]) + 0.3).astype(np.float32)

x = tf.placeholder(tf.float32, [None, 3])
y = tf.placeholder(tf.float32, [None, 1])
W = tf.Variable(tf.zeros([3, 1]), name="W")
b = tf.Variable(tf.zeros([1]), name="b")
loss = tf.reduce_mean(tf.square(tf.matmul(x, W) + b - y))
global_step = tf.Variable(0, name="global_step", trainable=False)
train_op = tf.train.GradientDescentOptimizer(0.1).minimize(loss, global_step=global_step)

saver = tf.train.Saver(max_to_keep=2)
os.makedirs("checkpoints")

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(1, 61):
        sess.run(train_op, feed_dict={x: features, y: target})
        if step % 20 == 0:
            path = saver.save(sess, "checkpoints/model.ckpt", global_step=global_step)
            print("Model saved in path: %s" % path)
    print("loss before saving:", sess.run(loss, feed_dict={x: features, y: target}))
    trained_W = sess.run(W)

print("kept:", sorted(p for p in saver.last_checkpoints))
print("latest:", tf.train.latest_checkpoint("checkpoints"))

with tf.Session() as sess:
    saver.restore(sess, tf.train.latest_checkpoint("checkpoints"))
    print("restored W:", sess.run(W).ravel())
    print("restored step:", sess.run(global_step))
    print("same as trained:", bool(np.allclose(sess.run(W), trained_W)))
    print("loss after restoring:", sess.run(loss, feed_dict={x: features, y: target}))

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    only_b = tf.train.Saver({"b": b})
    only_b.restore(sess, "checkpoints/model.ckpt-40")
    print("b from step 40, W fresh:", sess.run(b), sess.run(W).ravel())
