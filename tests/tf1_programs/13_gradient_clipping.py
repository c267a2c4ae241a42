"""compute_gradients, clip, apply_gradients: by value, by global norm, with a global step."""

import numpy as np
import tensorflow as tf

rng = np.random.RandomState(6)
inputs = rng.normal(0.0, 3.0, (50, 3)).astype(np.float32)
outputs = (inputs @ np.array([[1.0], [2.0], [-3.0]], np.float32) + 10.0).astype(np.float32)

x = tf.placeholder(tf.float32, [None, 3])
y = tf.placeholder(tf.float32, [None, 1])
W = tf.Variable(tf.zeros([3, 1]))
b = tf.Variable(tf.zeros([1]))
loss = tf.reduce_mean(tf.square(tf.matmul(x, W) + b - y))

global_step = tf.Variable(0, trainable=False, name="global_step")
optimizer = tf.train.GradientDescentOptimizer(learning_rate=0.02)
grads_and_vars = optimizer.compute_gradients(loss)
capped = [(tf.clip_by_value(grad, -1.0, 1.0), var) for grad, var in grads_and_vars]
train_by_value = optimizer.apply_gradients(capped, global_step=global_step)

gradients, variables = zip(*optimizer.compute_gradients(loss, var_list=[W, b]))
clipped, global_norm = tf.clip_by_global_norm(gradients, 5.0)
train_by_norm = optimizer.apply_gradients(zip(clipped, variables), global_step=global_step)

feed = {x: inputs, y: outputs}
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print(
        "gradients before clipping:",
        [g.ravel().round(3).tolist() for g in sess.run([g for g, _ in grads_and_vars], feed)],
    )
    for step in range(30):
        _, l = sess.run([train_by_value, loss], feed_dict=feed)
    print("by value: step", sess.run(global_step), "loss %.5f" % l)
    for step in range(30):
        _, l, norm = sess.run([train_by_norm, loss, global_norm], feed_dict=feed)
    print("by norm: step", sess.run(global_step), "loss %.5f" % l, "last norm %.5f" % norm)
    print("W", sess.run(W).ravel(), "b", sess.run(b))
