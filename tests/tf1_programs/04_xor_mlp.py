"""XOR with a small multilayer perceptron, weights drawn by TF's random ops under a graph seed.
deepslow's random numbers are not TensorFlow's, so the program prints only what any good run
agrees on: the rounded predictions and whether the loss got small."""

import numpy as np
import tensorflow as tf

tf.set_random_seed(1)

inputs = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float32)
outputs = np.array([[0], [1], [1], [0]], dtype=np.float32)

x_ = tf.placeholder(tf.float32, shape=[4, 2], name="x-input")
y_ = tf.placeholder(tf.float32, shape=[4, 1], name="y-input")

Theta1 = tf.Variable(tf.random_uniform([2, 8], -1, 1), name="Theta1")
Theta2 = tf.Variable(tf.random_uniform([8, 1], -1, 1), name="Theta2")
Bias1 = tf.Variable(tf.zeros([8]), name="Bias1")
Bias2 = tf.Variable(tf.zeros([1]), name="Bias2")

A2 = tf.tanh(tf.matmul(x_, Theta1) + Bias1)
Hypothesis = tf.sigmoid(tf.matmul(A2, Theta2) + Bias2)

cost = tf.reduce_mean(-(y_ * tf.log(Hypothesis)) - ((1 - y_) * tf.log(1.0 - Hypothesis)))
train_step = tf.train.AdamOptimizer(0.05).minimize(cost)

init = tf.global_variables_initializer()
sess = tf.Session()
sess.run(init)

for i in range(1500):
    sess.run(train_step, feed_dict={x_: inputs, y_: outputs})

final_cost, predictions = sess.run([cost, Hypothesis], feed_dict={x_: inputs, y_: outputs})
print("predictions", np.round(predictions).astype(int).ravel())
print("cost below 0.05:", final_cost < 0.05)
sess.close()
