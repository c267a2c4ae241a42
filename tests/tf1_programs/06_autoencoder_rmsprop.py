"""An autoencoder (aymeric-style): sigmoid encoder and decoder, squared error, RMSProp.
The weights start from seeded NumPy values, so both libraries train the very same network."""

import numpy as np
import tensorflow as tf

rng = np.random.RandomState(11)
num_input, num_hidden_1, num_hidden_2 = 64, 16, 4
codes = rng.uniform(size=(256, 4))
mixing = rng.uniform(size=(4, num_input))
images = (1.0 / (1.0 + np.exp(-(codes @ mixing - 1.0) * 2))).astype(np.float32)


def start(*shape):
    return rng.normal(0.0, 0.3, shape).astype(np.float32)


X = tf.placeholder("float", [None, num_input])
weights = {
    "encoder_h1": tf.Variable(start(num_input, num_hidden_1)),
    "encoder_h2": tf.Variable(start(num_hidden_1, num_hidden_2)),
    "decoder_h1": tf.Variable(start(num_hidden_2, num_hidden_1)),
    "decoder_h2": tf.Variable(start(num_hidden_1, num_input)),
}
biases = {
    "encoder_b1": tf.Variable(start(num_hidden_1)),
    "encoder_b2": tf.Variable(start(num_hidden_2)),
    "decoder_b1": tf.Variable(start(num_hidden_1)),
    "decoder_b2": tf.Variable(start(num_input)),
}


def encoder(x):
    layer_1 = tf.nn.sigmoid(tf.add(tf.matmul(x, weights["encoder_h1"]), biases["encoder_b1"]))
    return tf.nn.sigmoid(tf.add(tf.matmul(layer_1, weights["encoder_h2"]), biases["encoder_b2"]))


def decoder(x):
    layer_1 = tf.nn.sigmoid(tf.add(tf.matmul(x, weights["decoder_h1"]), biases["decoder_b1"]))
    return tf.nn.sigmoid(tf.add(tf.matmul(layer_1, weights["decoder_h2"]), biases["decoder_b2"]))


encoder_op = encoder(X)
decoder_op = decoder(encoder_op)
y_pred, y_true = decoder_op, X

loss = tf.reduce_mean(tf.pow(y_true - y_pred, 2))
optimizer = tf.train.RMSPropOptimizer(0.01).minimize(loss)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for i in range(1, 301):
        batch_x = images[(i * 32) % 256 : (i * 32) % 256 + 32]
        _, l = sess.run([optimizer, loss], feed_dict={X: batch_x})
        if i % 50 == 0 or i == 1:
            print("Step %i: Minibatch Loss: %f" % (i, l))
    g = sess.run(decoder_op, feed_dict={X: images[:2]})
    print("reconstruction of the first pixels:", g[0, :4])
    print("code of the first image:", sess.run(encoder_op, feed_dict={X: images[:1]}))
