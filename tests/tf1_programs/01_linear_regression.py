"""Linear regression with gradient descent, one example at a time (the classic first TF1 example)."""

import numpy as np
import tensorflow as tf

rng = np.random.RandomState(1)
train_X = np.linspace(0.0, 5.0, 17).astype(np.float32)
train_Y = (0.8 * train_X + 1.5 + rng.normal(0.0, 0.3, 17)).astype(np.float32)
n_samples = train_X.shape[0]

learning_rate = 0.01
training_epochs = 200
display_step = 50

X = tf.placeholder("float")
Y = tf.placeholder("float")

W = tf.Variable(0.25, name="weight")
b = tf.Variable(-0.5, name="bias")

pred = tf.add(tf.multiply(X, W), b)
cost = tf.reduce_sum(tf.pow(pred - Y, 2)) / (2 * n_samples)
optimizer = tf.train.GradientDescentOptimizer(learning_rate).minimize(cost)

init = tf.global_variables_initializer()

with tf.Session() as sess:
    sess.run(init)
    for epoch in range(training_epochs):
        for x, y in zip(train_X, train_Y):
            sess.run(optimizer, feed_dict={X: x, Y: y})
        if (epoch + 1) % display_step == 0:
            c = sess.run(cost, feed_dict={X: train_X, Y: train_Y})
            print("Epoch:", "%04d" % (epoch + 1), "cost=", "{:.9f}".format(c), "W=", sess.run(W), "b=", sess.run(b))

    print("Optimization Finished!")
    training_cost = sess.run(cost, feed_dict={X: train_X, Y: train_Y})
    print("Training cost=", training_cost, "W=", sess.run(W), "b=", sess.run(b))

    test_X = np.array([0.5, 1.5, 2.5, 3.5, 4.5], dtype=np.float32)
    test_Y = np.array([1.9, 2.7, 3.5, 4.3, 5.1], dtype=np.float32)
    testing_cost = sess.run(
        tf.reduce_sum(tf.pow(pred - Y, 2)) / (2 * test_X.shape[0]), feed_dict={X: test_X, Y: test_Y}
    )
    print("Testing cost=", testing_cost)
    print("Absolute mean square loss difference:", abs(training_cost - testing_cost))
