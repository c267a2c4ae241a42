"""Random ops with a graph seed and op seeds: the same numbers in every run and in every new
session, different numbers on each run of the op. deepslow draws NumPy's numbers, not
TensorFlow's, so the program prints the properties both libraries share (to one decimal, from
large samples), never the draws themselves."""

import numpy as np
import tensorflow as tf

tf.set_random_seed(1234)
a = tf.random_uniform([1], seed=1)
b = tf.random_normal([1])
normal = tf.random_normal([100000], mean=2.0, stddev=3.0)
uniform = tf.random_uniform([100000], minval=-1.0, maxval=5.0)
truncated = tf.truncated_normal([100000], stddev=0.5)
dice = tf.random_uniform([100000], minval=1, maxval=7, dtype=tf.int32)
w = tf.Variable(tf.random_normal([200, 300], stddev=0.1, seed=7))

with tf.Session() as sess1:
    first = [sess1.run(a), sess1.run(a), sess1.run(b), sess1.run(b)]
with tf.Session() as sess2:
    second = [sess2.run(a), sess2.run(a), sess2.run(b), sess2.run(b)]
print("each run draws anew:", bool(first[0] != first[1]), bool(first[2] != first[3]))
print("a new session repeats the sequence:", all(np.array_equal(p, q) for p, q in zip(first, second)))

with tf.Session() as sess:
    n, u, t, d = sess.run([normal, uniform, truncated, dice])
    print("normal: mean %.1f std %.1f dtype %s" % (n.mean(), n.std(), n.dtype))
    print("uniform: min %.1f max %.1f mean %.1f" % (u.min(), u.max(), u.mean()))
    print("truncated: inside two stddevs:", bool(np.abs(t).max() <= 1.0), "std %.2f" % t.std())
    print("dice:", sorted(set(d.tolist())), d.dtype)
    sess.run(tf.global_variables_initializer())
    weights = sess.run(w)
    print("initial weights: shape", weights.shape, "std %.2f" % weights.std())
    print("the variable keeps its draw:", bool(np.array_equal(weights, sess.run(w))))
