"""Logistic (softmax) regression on MNIST-shaped data: 784 features, 10 classes, mini-batches."""

import numpy as np
import tensorflow as tf

rng = np.random.RandomState(7)
centers = rng.uniform(0.0, 1.0, (10, 784)) * (rng.uniform(size=(10, 784)) < 0.2)
labels = rng.randint(0, 10, 600)
images = np.clip(centers[labels] + rng.normal(0.0, 0.3, (600, 784)), 0.0, 1.0).astype(np.float32)
one_hot = np.eye(10, dtype=np.float32)[labels]
train_images, train_labels = images[:500], one_hot[:500]
test_images, test_labels = images[500:], one_hot[500:]

learning_rate = 0.01
training_epochs = 10
batch_size = 50
display_step = 2

x = tf.placeholder(tf.float32, [None, 784])
y = tf.placeholder(tf.float32, [None, 10])

W = tf.Variable(tf.zeros([784, 10]))
b = tf.Variable(tf.zeros([10]))

pred = tf.nn.softmax(tf.matmul(x, W) + b)
cost = tf.reduce_mean(-tf.reduce_sum(y * tf.log(pred), reduction_indices=1))
optimizer = tf.train.GradientDescentOptimizer(learning_rate).minimize(cost)

init = tf.global_variables_initializer()

with tf.Session() as sess:
    sess.run(init)
    for epoch in range(training_epochs):
        avg_cost = 0.0
        total_batch = int(len(train_images) / batch_size)
        for i in range(total_batch):
            batch_xs = train_images[i * batch_size : (i + 1) * batch_size]
            batch_ys = train_labels[i * batch_size : (i + 1) * batch_size]
            _, c = sess.run([optimizer, cost], feed_dict={x: batch_xs, y: batch_ys})
            avg_cost += c / total_batch
        if (epoch + 1) % display_step == 0:
            print("Epoch:", "%04d" % (epoch + 1), "cost=", "{:.9f}".format(avg_cost))

    print("Optimization Finished!")
    correct_prediction = tf.equal(tf.argmax(pred, 1), tf.argmax(y, 1))
    accuracy = tf.reduce_mean(tf.cast(correct_prediction, tf.float32))
    print("Accuracy:", accuracy.eval({x: test_images, y: test_labels}))
