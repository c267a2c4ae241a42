"""The first programs of a classic example collection, in one file: hello world (a string
constant), basic operations on constants and int16 placeholders, and a nearest-neighbour
classifier that finds the closest training point with tf.arg_min."""

import numpy as np
import tensorflow as tf

hello = tf.constant("Hello, TensorFlow!")
sess = tf.Session()
print(sess.run(hello))
print(sess.run(hello).decode("utf-8").upper())
sess.close()

a = tf.constant(2)
b = tf.constant(3)
with tf.Session() as sess:
    print("a=2, b=3")
    print("Addition with constants: %i" % sess.run(a + b))
    print("Multiplication with constants: %i" % sess.run(a * b))
    print("Integer division: %i, true division: %.2f" % (sess.run(tf.div(a * 4, b)), sess.run(tf.truediv(a, b))))

a = tf.placeholder(tf.int16)
b = tf.placeholder(tf.int16)
add = tf.add(a, b)
mul = tf.multiply(a, b)
with tf.Session() as sess:
    print("Addition with variables: %i" % sess.run(add, feed_dict={a: 2, b: 3}))
    print("Multiplication with variables: %i" % sess.run(mul, feed_dict={a: 2, b: 3}))

matrix1 = tf.constant([[3.0, 3.0]])
matrix2 = tf.constant([[2.0], [2.0]])
product = tf.matmul(matrix1, matrix2)
with tf.Session() as sess:
    print(sess.run(product))

# Nearest neighbour on two-moon-like blobs: L1 distance to every training point, then arg_min.
rng = np.random.RandomState(11)
centers = np.array([[0.0, 0.0, 1.0, 1.0], [1.0, 1.0, 0.0, 0.0], [0.0, 1.0, 0.0, 1.0]], np.float32)
train_labels = rng.randint(0, 3, 300)
train_points = (centers[train_labels] + rng.normal(0.0, 0.5, (300, 4))).astype(np.float32)
test_labels = rng.randint(0, 3, 40)
test_points = (centers[test_labels] + rng.normal(0.0, 0.5, (40, 4))).astype(np.float32)

xtr = tf.placeholder("float", [None, 4])
xte = tf.placeholder("float", [4])
distance = tf.reduce_sum(tf.abs(tf.add(xtr, tf.negative(xte))), reduction_indices=1)
pred = tf.arg_min(distance, 0)

accuracy = 0.0
init = tf.global_variables_initializer()
with tf.Session() as sess:
    sess.run(init)
    for i in range(len(test_points)):
        nn_index = sess.run(pred, feed_dict={xtr: train_points, xte: test_points[i, :]})
        if i % 10 == 0:
            print("Test", i, "Prediction:", train_labels[nn_index], "True Class:", test_labels[i])
        if train_labels[nn_index] == test_labels[i]:
            accuracy += 1.0 / len(test_points)
    print("Done!")
    print("Accuracy:", accuracy)
    print(
        "Nonzero distances to the first test point:",
        sess.run(tf.count_nonzero(distance), {xtr: train_points, xte: test_points[0]}),
    )
