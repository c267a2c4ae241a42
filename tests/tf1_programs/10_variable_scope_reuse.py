"""Sharing weights with get_variable and variable scopes: one layer function, used twice."""

import numpy as np
import tensorflow as tf


def relu_layer(inputs, in_dim, units):
    """A dense layer written with get_variable, as TF1 tutorials did before tf.layers."""
    weights = tf.get_variable(
        "weights", [in_dim, units], initializer=tf.constant_initializer(np.linspace(-1.0, 1.0, in_dim * units))
    )
    biases = tf.get_variable("biases", [units], initializer=tf.constant_initializer(0.1))
    return tf.nn.relu(tf.matmul(inputs, weights) + biases)


def two_layers(inputs):
    with tf.variable_scope("layer1"):
        hidden = relu_layer(inputs, 3, 4)
    with tf.variable_scope("layer2"):
        return relu_layer(hidden, 4, 2)


left = tf.placeholder(tf.float32, [None, 3])
right = tf.placeholder(tf.float32, [None, 3])

with tf.variable_scope("twin") as scope:
    out_left = two_layers(left)
    scope.reuse_variables()
    out_right = two_layers(right)

with tf.variable_scope("twin", reuse=True):
    w1 = tf.get_variable("layer1/weights")

with tf.variable_scope("counter", reuse=tf.AUTO_REUSE):
    step = tf.get_variable("step", [], initializer=tf.zeros_initializer())
    same_step = tf.get_variable("step", [])

with tf.name_scope("ignored_by_get_variable"):
    v = tf.get_variable("v", [2], initializer=tf.ones_initializer())
    v_plus = tf.multiply(v, 2.0)

print("variables:", [var.op.name for var in tf.global_variables()])
print("shared:", w1 is tf.global_variables()[0], same_step is step)
print("names:", v.op.name, v_plus.op.name, out_left.op.name, out_right.op.name)

try:
    with tf.variable_scope("twin"):
        tf.get_variable("layer1/weights", [3, 4])
except ValueError as error:
    print("creating it again is refused:", "already exists" in str(error))

data = np.array([[1.0, 2.0, 3.0], [-1.0, 0.5, 2.0]], np.float32)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    a, b_ = sess.run([out_left, out_right], feed_dict={left: data, right: data[::-1]})
    print("left:", a.tolist())
    print("right:", b_.tolist())
    print("w1:", sess.run(w1).round(4).tolist())
