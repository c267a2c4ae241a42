"""TensorBoard logging: name scopes, scalar and histogram summaries, merge_all, FileWriter.
The program prints its losses and what it wrote (event files are read back in
tests/test_tf1_summary.py with TensorBoard's own reader)."""

import os

import numpy as np
import tensorflow as tf

rng = np.random.RandomState(2)
data = rng.normal(size=(200, 5)).astype(np.float32)
labels = np.eye(3, dtype=np.float32)[(data[:, 0] > 0).astype(int) + (data[:, 1] > 1).astype(int)]

with tf.name_scope("input"):
    x = tf.placeholder(tf.float32, [None, 5], name="x-input")
    y = tf.placeholder(tf.float32, [None, 3], name="y-input")

with tf.name_scope("Model"):
    W = tf.Variable(np.full((5, 3), 0.1, np.float32), name="Weights")
    b = tf.Variable(np.zeros(3, np.float32), name="Bias")
    logits = tf.matmul(x, W) + b
with tf.name_scope("Loss"):
    cost = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits_v2(labels=y, logits=logits))
with tf.name_scope("SGD"):
    optimizer = tf.train.GradientDescentOptimizer(0.5).minimize(cost)
with tf.name_scope("Accuracy"):
    acc = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(logits, 1), tf.argmax(y, 1)), tf.float32))

tf.summary.scalar("loss", cost)
tf.summary.scalar("accuracy", acc)
tf.summary.histogram("weights", W)
merged_summary_op = tf.summary.merge_all()

print("ops:", W.op.name, b.op.name, cost.op.name, acc.op.name)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    summary_writer = tf.summary.FileWriter("logs", graph=tf.get_default_graph())
    for epoch in range(5):
        for i in range(4):
            batch = slice(i * 50, (i + 1) * 50)
            _, c, summary = sess.run([optimizer, cost, merged_summary_op], feed_dict={x: data[batch], y: labels[batch]})
            summary_writer.add_summary(summary, epoch * 4 + i)
        print("Epoch:", "%04d" % (epoch + 1), "cost=", "{:.9f}".format(c))
    summary_writer.close()
    print("Accuracy:", acc.eval({x: data, y: labels}))

print("event files:", len([f for f in os.listdir("logs") if f.startswith("events.out.tfevents")]))
