"""A multilayer perceptron with dropout, weights from tf.random_normal (aymeric-style dicts of
weights and biases), keep_prob fed through a placeholder. Random streams differ between the two
libraries, so it prints what does not depend on them: the test accuracy on an easy problem, and
that keep_prob = 1 leaves the layer as it is."""

import numpy as np
import tensorflow as tf

tf.set_random_seed(42)
rng = np.random.RandomState(0)
n_input, n_classes = 20, 4
means = rng.normal(0.0, 3.0, (n_classes, n_input))
classes = rng.randint(0, n_classes, 400)
data = (means[classes] + rng.normal(0.0, 1.0, (400, n_input))).astype(np.float32)
one_hot = np.eye(n_classes, dtype=np.float32)[classes]

n_hidden_1, n_hidden_2 = 32, 32
x = tf.placeholder("float", [None, n_input])
y = tf.placeholder("float", [None, n_classes])
keep_prob = tf.placeholder(tf.float32)

weights = {
    "h1": tf.Variable(tf.random_normal([n_input, n_hidden_1], stddev=0.1)),
    "h2": tf.Variable(tf.random_normal([n_hidden_1, n_hidden_2], stddev=0.1)),
    "out": tf.Variable(tf.random_normal([n_hidden_2, n_classes], stddev=0.1)),
}
biases = {
    "b1": tf.Variable(tf.random_normal([n_hidden_1], stddev=0.1)),
    "b2": tf.Variable(tf.random_normal([n_hidden_2], stddev=0.1)),
    "out": tf.Variable(tf.random_normal([n_classes], stddev=0.1)),
}


def multilayer_perceptron(x, weights, biases, keep_prob):
    layer_1 = tf.nn.relu(tf.add(tf.matmul(x, weights["h1"]), biases["b1"]))
    layer_1 = tf.nn.dropout(layer_1, keep_prob)
    layer_2 = tf.nn.relu(tf.add(tf.matmul(layer_1, weights["h2"]), biases["b2"]))
    layer_2 = tf.nn.dropout(layer_2, keep_prob)
    return tf.matmul(layer_2, weights["out"]) + biases["out"], layer_1


pred, first_layer = multilayer_perceptron(x, weights, biases, keep_prob)
cost = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(logits=pred, labels=y))
optimizer = tf.train.AdamOptimizer(learning_rate=0.01).minimize(cost)
correct = tf.equal(tf.argmax(pred, 1), tf.argmax(y, 1))
accuracy = tf.reduce_mean(tf.cast(correct, "float"))

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for epoch in range(30):
        for i in range(0, 300, 50):
            sess.run(optimizer, feed_dict={x: data[i : i + 50], y: one_hot[i : i + 50], keep_prob: 0.75})
    print("Test accuracy: %.2f" % sess.run(accuracy, feed_dict={x: data[300:], y: one_hot[300:], keep_prob: 1.0}))
    kept = sess.run(first_layer, feed_dict={x: data[:5], keep_prob: 1.0})
    again = sess.run(first_layer, feed_dict={x: data[:5], keep_prob: 1.0})
    print("keep_prob 1.0 changes nothing:", bool(np.all(kept == again)))
    full = sess.run(first_layer, feed_dict={x: data[:200], keep_prob: 1.0})
    dropped = sess.run(first_layer, feed_dict={x: data[:200], keep_prob: 0.5})
    print("keep_prob 0.5 zeroes more units:", np.mean(dropped == 0.0) > np.mean(full == 0.0) + 0.2)
