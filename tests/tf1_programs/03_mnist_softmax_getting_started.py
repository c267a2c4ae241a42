"""The getting-started softmax regression: InteractiveSession, .run() and .eval(), and the
cross-entropy written out by hand, -reduce_sum(y_ * log(y))."""

import numpy as np
import tensorflow as tf

rng = np.random.RandomState(3)
prototypes = (rng.uniform(size=(10, 784)) < 0.15).astype(np.float32)
digits = rng.randint(0, 10, 1000)
pixels = np.clip(prototypes[digits] + rng.normal(0.0, 0.25, (1000, 784)), 0.0, 1.0).astype(np.float32)
targets = np.eye(10, dtype=np.float32)[digits]


def next_batch(step, size=100):
    start = (step * size) % 800
    return pixels[start : start + size], targets[start : start + size]


sess = tf.InteractiveSession()

x = tf.placeholder(tf.float32, [None, 784])
W = tf.Variable(tf.zeros([784, 10]))
b = tf.Variable(tf.zeros([10]))
y = tf.nn.softmax(tf.matmul(x, W) + b)

y_ = tf.placeholder(tf.float32, [None, 10])
cross_entropy = tf.reduce_mean(-tf.reduce_sum(y_ * tf.log(y), reduction_indices=[1]))
train_step = tf.train.GradientDescentOptimizer(0.5).minimize(cross_entropy)

tf.global_variables_initializer().run()
for step in range(60):
    batch_xs, batch_ys = next_batch(step)
    train_step.run(feed_dict={x: batch_xs, y_: batch_ys})
    if step % 20 == 0:
        print("step", step, "cross-entropy", cross_entropy.eval(feed_dict={x: batch_xs, y_: batch_ys}))

correct_prediction = tf.equal(tf.argmax(y, 1), tf.argmax(y_, 1))
accuracy = tf.reduce_mean(tf.cast(correct_prediction, tf.float32))
print("test accuracy", accuracy.eval(feed_dict={x: pixels[800:], y_: targets[800:]}))
print("bias", b.eval())
sess.close()
