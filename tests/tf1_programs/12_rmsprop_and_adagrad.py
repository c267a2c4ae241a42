"""The same regression trained by RMSProp (plain, with momentum, centered), Adagrad and
Adadelta: TF1's update rules and defaults, step for step."""

import numpy as np
import tensorflow as tf

rng = np.random.RandomState(8)
X_data = rng.uniform(-1.0, 1.0, (64, 4)).astype(np.float32)
true_w = np.array([[2.0], [-1.0], [0.5], [3.0]], np.float32)
Y_data = (X_data @ true_w - 0.7 + rng.normal(0.0, 0.05, (64, 1))).astype(np.float32)
w_start = rng.normal(0.0, 0.5, (4, 1)).astype(np.float32)

optimizers = [
    ("RMSProp", lambda: tf.train.RMSPropOptimizer(0.01)),
    ("RMSProp momentum", lambda: tf.train.RMSPropOptimizer(0.005, decay=0.8, momentum=0.9)),
    ("RMSProp centered", lambda: tf.train.RMSPropOptimizer(0.01, centered=True, epsilon=1e-6)),
    ("Adagrad", lambda: tf.train.AdagradOptimizer(0.5)),
    ("Adagrad from 1.0", lambda: tf.train.AdagradOptimizer(0.3, initial_accumulator_value=1.0)),
    ("Adadelta", lambda: tf.train.AdadeltaOptimizer(1.0)),
]

for label, make in optimizers:
    tf.reset_default_graph()
    X = tf.placeholder(tf.float32, [None, 4])
    Y = tf.placeholder(tf.float32, [None, 1])
    W = tf.Variable(w_start)
    b = tf.Variable(0.0)
    loss = tf.reduce_mean(tf.square(tf.matmul(X, W) + b - Y))
    train = make().minimize(loss)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        history = []
        for step in range(100):
            _, l = sess.run([train, loss], feed_dict={X: X_data, Y: Y_data})
            history.append(l)
        print("%-18s" % label, "loss %.6f %.6f %.6f" % (history[0], history[10], history[-1]), "b %.5f" % sess.run(b))
