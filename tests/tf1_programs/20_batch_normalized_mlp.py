"""A two-layer network with batch normalisation written by hand (tf.nn.moments and a moving
average kept with tf.assign), trained with the usual UPDATE_OPS boilerplate and a tf.group of
the training step and the moving-average updates; then cosine similarity with l2_normalize."""

import numpy as np
import tensorflow as tf

rng = np.random.RandomState(3)
features = rng.normal(0.0, 1.0, (400, 6)).astype(np.float32) * np.array([1, 5, 0.2, 3, 1, 10], np.float32)
labels = (features[:, 0] * features[:, 3] + 0.1 * features[:, 5] > 0).astype(np.int64)
x_train, y_train, x_test, y_test = features[:320], labels[:320], features[320:], labels[320:]

x = tf.placeholder(tf.float32, [None, 6], name="x")
y = tf.placeholder(tf.int64, [None], name="y")
training = tf.placeholder(tf.bool, [], name="training")


def batch_norm(inputs, size, decay=0.9, epsilon=1e-3):
    gamma = tf.Variable(tf.ones([size]))
    beta = tf.Variable(tf.zeros([size]))
    moving_mean = tf.Variable(tf.zeros([size]), trainable=False)
    moving_var = tf.Variable(tf.ones([size]), trainable=False)
    batch_mean, batch_var = tf.nn.moments(inputs, [0])
    tf.add_to_collection("bn_updates", tf.assign(moving_mean, moving_mean * decay + batch_mean * (1 - decay)))
    tf.add_to_collection("bn_updates", tf.assign(moving_var, moving_var * decay + batch_var * (1 - decay)))
    mean = tf.where(training, batch_mean, moving_mean)
    var = tf.where(training, batch_var, moving_var)
    return gamma * (inputs - mean) / tf.sqrt(var + epsilon) + beta


w1 = tf.Variable(np.random.RandomState(0).normal(0, 0.5, (6, 16)).astype(np.float32))
w2 = tf.Variable(np.random.RandomState(1).normal(0, 0.5, (16, 2)).astype(np.float32))
hidden = tf.nn.relu(batch_norm(tf.matmul(x, w1), 16))
logits = tf.matmul(hidden, w2)
loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=logits))
accuracy = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(logits, 1), y), tf.float32))

with tf.control_dependencies(tf.get_collection(tf.GraphKeys.UPDATE_OPS)):
    step = tf.train.AdamOptimizer(0.01).minimize(loss)
train_op = tf.group(step, *tf.get_collection("bn_updates"))

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for epoch in range(30):
        for start in range(0, 320, 64):
            batch = {x: x_train[start : start + 64], y: y_train[start : start + 64], training: True}
            sess.run(train_op, feed_dict=batch)
        if epoch % 10 == 9:
            print("epoch %d loss %.5f" % (epoch + 1, sess.run(loss, {x: x_train, y: y_train, training: True})))
    print("test accuracy", sess.run(accuracy, {x: x_test, y: y_test, training: False}))
    print(
        "log-sum-exp of the first logits",
        sess.run(tf.reduce_logsumexp(logits[:3], axis=1), {x: x_test, training: False}),
    )

    unit = tf.nn.l2_normalize(hidden, axis=1)
    cosine = tf.matmul(unit, unit, transpose_b=True)
    print("cosine similarities", np.round(sess.run(cosine, {x: x_test[:3], training: False}), 4))
